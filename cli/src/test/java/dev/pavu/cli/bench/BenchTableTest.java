package dev.pavu.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench table and its summary line. */
class BenchTableTest {

    static final String JOB = "3f2b9c1e-8d4a-4e8b-9c2f-1a2b3c4d5e6f";

    static final List<BenchRow> ROWS = List.of(
            new BenchRow("gcd", "swapped-arguments", JOB, "SUCCEEDED", "a plausible patch", 4L, 12_300L, 12_300L, true, true,
                    "swapped-arguments", "--- a/x\n", null),
            new BenchRow("leap-year", "logical-operator", JOB, "SUCCEEDED", "a plausible patch", 17L, 125_000L, 125_000L, true,
                    false, "logical-operator-replacement", "--- a/y\n", null),
            new BenchRow("sieve", "relational-operator", JOB, "EXHAUSTED", "tried 200 candidates", 200L, 600_000L, null, false,
                    null, null, null, null),
            new BenchRow("truncate", null, JOB, "SUCCEEDED", "a plausible patch", 3L, 900L, 900L, true, null, null, "--- a/z\n",
                    "reference.diff does not apply: hunk 1 | line 3"),
            new BenchRow("word-count", "missing-increment", null, "ERROR", null, null, null, null, false, null, null, null,
                    "cannot reach the planner"));

    @Test
    void theSummaryCountsPlausiblePatchesAndThoseEqualToTheReference() {
        assertEquals("fixed: 3/5 plausible, 1 equal to the reference", BenchTable.summary(ROWS));
        assertEquals("fixed: 0/0 plausible, 0 equal to the reference", BenchTable.summary(List.of()));
    }

    @Test
    void theTableHasOneRowPerProgramAndEndsWithTheSummary() {
        String md = BenchTable.markdown("Pavu bench: bugs", "Planner http://localhost:8081; 2 at a time.", ROWS);
        String[] lines = md.split("\n", -1);
        assertEquals("", lines[lines.length - 1], "ends with a newline");
        assertEquals("fixed: 3/5 plausible, 1 equal to the reference", lines[lines.length - 2], md);
        assertTrue(md.startsWith("# Pavu bench: bugs\n\nPlanner http://localhost:8081; 2 at a time.\n\n"
                + "| program | defect class | outcome | candidates | time to plausible | reference fix | pattern | job |\n"
                + "|---|---|---|---:|---:|---|---|---|\n"), md);
        assertTrue(md.contains("| gcd | swapped-arguments | **SUCCEEDED** | 4 | 12.3 s | equal | `swapped-arguments` | `" + JOB + "` |\n"), md);
        assertTrue(md.contains("| leap-year | logical-operator | **SUCCEEDED** | 17 | 2 min 05 s | different | `logical-operator-replacement` |"), md);
        assertTrue(md.contains("| sieve | relational-operator | EXHAUSTED | 200 | — | — | — | `" + JOB + "` |\n"), md);
        assertTrue(md.contains("| truncate | ? | **SUCCEEDED** | 3 | 900 ms | ? | ? |"), md);
        assertTrue(md.contains("| word-count | missing-increment | ERROR | — | — | — | — | — |\n"), md);
        assertTrue(md.contains("\nNotes:\n\n- truncate: reference.diff does not apply: hunk 1 | line 3\n"
                + "- word-count: cannot reach the planner\n"), md);
    }

    @Test
    void plausiblePatchesAreCountedByTheirWinningTechnique() {
        String md = BenchTable.markdown("Pavu bench: bugs", null, ROWS);
        assertTrue(md.contains("\n## By technique\n\n| technique | plausible | equal to the reference | programs |\n|---|---:|---:|---|\n"
                + "| `?` | 1 | 0 | truncate |\n"
                + "| `logical-operator-replacement` | 1 | 0 | leap-year |\n"
                + "| `swapped-arguments` | 1 | 1 | gcd |\n\nfixed: 3/5"), md);
        assertEquals("", BenchTable.techniques(List.of(ROWS.get(2))), "nothing plausible, no section");
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("850 ms", BenchTable.duration(850));
        assertEquals("12.3 s", BenchTable.duration(12_300));
        assertEquals("10 min 00 s", BenchTable.duration(600_000));
    }

    @Test
    void endLinesDescribeEachProgramsResult() {
        assertEquals("SUCCEEDED in 12.3 s, 4 candidates, swapped-arguments, equal to the reference", BenchRunner.describe(ROWS.get(0)));
        assertEquals("EXHAUSTED in 10 min 00 s, 200 candidates — tried 200 candidates", BenchRunner.describe(ROWS.get(2)));
        assertEquals("ERROR: cannot reach the planner", BenchRunner.describe(ROWS.get(4)));
    }
}
