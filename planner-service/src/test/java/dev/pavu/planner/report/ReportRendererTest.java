package dev.pavu.planner.report;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Markdown of a job report, section by section. */
class ReportRendererTest {

    static final UUID JOB = UUID.fromString("3f2b9c1e-8d4a-4e8b-9c2f-1a2b3c4d5e6f");
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String FIX = """
            diff --git a/src/main/java/com/acme/Stats.java b/src/main/java/com/acme/Stats.java
            --- a/src/main/java/com/acme/Stats.java
            +++ b/src/main/java/com/acme/Stats.java
            @@ -27 +27 @@
            -        return (a + b) / 3;
            +        return (a + b) / 2;
            """;
    static final String DELETION = """
            --- a/src/main/java/com/acme/Cart.java
            +++ b/src/main/java/com/acme/Cart.java
            @@ -10,3 +10,2 @@
                     total -= line.total();
            -        total -= line.total();
                     return total;
            """;

    @Test
    void theJobSectionNamesSourceCommitTaskBudgetOutcomeReasonAndDuration() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.startsWith("# Pavu job report `" + JOB + "`\n\n## Job\n"), md);
        assertTrue(md.contains("| source | uploaded bundle @ `main` (bundle `aaaaaaaaaaaa`) |\n"), md);
        assertTrue(md.contains("| commit | `" + COMMIT + "` |\n"), md);
        assertTrue(md.contains("| task | REPAIR: make the failing tests pass |\n"), md);
        assertTrue(md.contains("| budget | 3 iterations, 200 candidates, 20.0 s per candidate, 30 min 00 s per job |\n"), md);
        assertTrue(md.contains("| outcome | **SUCCEEDED** |\n"), md);
        assertTrue(md.contains("| reason | a plausible patch passes all 2 tests |\n"), md);
        assertTrue(md.contains("| duration | 1 min 05 s |\n"), md);
        assertTrue(md.contains("| candidates | 2 proposed, 2 verified, 1 failed |\n"), md);
    }

    @Test
    void theBaselineListsTheFailingTestsWithTheirMessagesOnOneLine() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.contains("## Baseline\n\nTests run: 2, failing: 1 (verdict FAIL: 1 of 2 tests failed: StatsTest#median), in 2.3 s.\n"), md);
        assertTrue(md.contains("| `com.acme.StatsTest#median` | failure | expected: <2.5> but was: <1.67> \\| rounded |\n"), md);
    }

    @Test
    void theRankingShowsTheTopTwentyWithFileLineMethodScoreAndEvidence() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.contains("Top 20 of 25 ranked statements."), md);
        assertTrue(md.contains("| 1 | `src/main/java/com/acme/Stats.java:27` | `com.acme.Stats#median` | 1.000 | stack-trace |\n"), md);
        assertTrue(md.contains("| 20 | `src/main/java/com/acme/Stats.java:46` |"), md);
        assertFalse(md.contains("| 21 |"), md);
    }

    @Test
    void theRankingNamesEachEvidenceSourceAndTheSpectrumFormulaWithItsPaper() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.contains("| 2 | `src/main/java/com/acme/Stats.java:28` | `com.acme.Stats#median` | 0.990 | ochiai+stack-trace |\n"), md);
        assertTrue(md.contains("- `ochiai`: spectrum-based, over the baseline's per-test line coverage: "
                + "Ochiai (Abreu et al. 2007): ef / sqrt((ef+nf)(ef+ep))\n"), md);
        assertTrue(md.contains("- `stack-trace`: frames of the failing tests' stack traces in main code\n"), md);
        assertTrue(md.contains("- `call-graph`: "), md);
        assertFalse(md.contains("`dstar`"), md);
    }

    @Test
    void decisionsShowStrategyRationaleAndNumbersOrTemplateSearchWhenNoneWasRecorded() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.contains("- iteration 0 (BASELINE): **baseline** — run the tests once\n"), md);
        assertTrue(md.contains("- iteration 1 (REPAIR, statements 1–5, up to 60 candidates; 2 proposed, 1 rejected): "
                + "**repair** — template repair at suspicious statements (locations=5, topScore=0.875)\n"), md);
        assertTrue(md.contains("- iteration 2 (REPAIR, statements 6–10, up to 58 candidates): **template search**\n"), md);
    }

    @Test
    void candidatesAppearInVerificationOrderWithPatternDescriptionVerdictReasonAndDuration() {
        String md = ReportRenderer.render(succeeded(FIX));
        int table = md.indexOf("| # | iteration | pattern | description | verdict | reason | duration |");
        assertTrue(table > 0, md);
        assertTrue(md.contains("| 1 | 1 | `off-by-one` | Stats.java:27 replace 3 with 4 | FAIL | 1 of 2 tests failed | 1.2 s |\n"), md);
        assertTrue(md.contains("| 2 | 1 | `wrong-constant` | Stats.java:27 replace 3 with 2 | **PASS** (plausible patch) | all 2 tests passed | 850 ms |\n"), md);
        assertTrue(md.indexOf("| 1 | 1 |") < md.indexOf("| 2 | 1 |"));
        assertTrue(md.contains("1 more candidate was proposed without a verdict."), md);
    }

    @Test
    void theFinalPatchIsADiffBlockAtTheEnd() {
        String md = ReportRenderer.render(succeeded(FIX));
        assertTrue(md.endsWith("## Patch\n\n```diff\n" + FIX + "```\n"), md);
        assertFalse(md.contains("overfitting"), md);
    }

    @Test
    void aPlausiblePatchThatOnlyDeletesCodeIsFlaggedAsPossiblyOverfitting() {
        String md = ReportRenderer.render(succeeded(DELETION));
        assertTrue(md.contains("> **Possibly overfitting**: this plausible patch only deletes code"), md);
        assertTrue(md.endsWith("```diff\n" + DELETION + "```\n"), md);
    }

    @Test
    void onlyDeletesCodeLooksAtTheHunksNotAtHeaders() {
        assertTrue(ReportRenderer.onlyDeletesCode(DELETION));
        assertFalse(ReportRenderer.onlyDeletesCode(FIX));
        assertFalse(ReportRenderer.onlyDeletesCode(""));
        assertFalse(ReportRenderer.onlyDeletesCode(null));
        assertFalse(ReportRenderer.onlyDeletesCode("not a diff"));
        // two files in a plain diff: the second file's header lines are not mistaken for changed lines
        assertTrue(ReportRenderer.onlyDeletesCode(DELETION + DELETION.replace("Cart.java", "Till.java")));
        // a removed blank line next to an added statement is not a deletion
        assertFalse(ReportRenderer.onlyDeletesCode("""
                --- a/A.java
                +++ b/A.java
                @@ -1,2 +1,2 @@
                 int a;
                -
                +a++;
                """));
    }

    @Test
    void aFailedJobWithoutAuditLogSaysWhatIsMissing() {
        JobReport.Job job = new JobReport.Job(JOB, "CONCLUDED", Outcome.EXHAUSTED, "tried 1 candidates; none made all tests pass",
                new SourceRef("git", "https://example.org/r.git", null, COMMIT, null), TaskKind.REPAIR, "fix it",
                Budget.DEFAULT, Instant.EPOCH, 850, 1, 1, 1, 1);
        JobReport r = new JobReport(job, new JobReport.Baseline(Verdict.FAIL, null, null, null, null, List.of()), List.of(),
                List.of(new JobReport.Plan(0, PlanKind.BASELINE, 0, 0, 1, 1, 0, null)),
                List.of(new JobReport.Candidate(UUID.randomUUID(), 1, null, null, Verdict.FAIL, null, null, false)), 0, null,
                "the audit log of updater-service at http://localhost:8084 is not reachable");
        String md = ReportRenderer.render(r);
        assertTrue(md.contains("> Note: per-candidate details and decisions are missing: the audit log of updater-service"), md);
        assertTrue(md.contains("| source | git `https://example.org/r.git` |"), md);
        assertTrue(md.contains("Tests run: unknown, failing: 0 (verdict FAIL)."), md);
        assertTrue(md.contains("- iteration 0 (BASELINE): **template search**"), md);
        assertTrue(md.contains("| 1 | 1 | ? |  | FAIL |  |  |"), md);
        assertTrue(md.endsWith("## Patch\n\nNo patch: the job concluded EXHAUSTED.\n"), md);
    }

    @Test
    void aRunningJobHasNoBaselineNoRankingAndNoPatchYet() {
        JobReport.Job job = new JobReport.Job(JOB, "QUEUED", null, null, new SourceRef("bundle", null, null, null, null),
                TaskKind.REPAIR, "fix it", Budget.DEFAULT, Instant.EPOCH, 120, 0, 0, 0, 0);
        String md = ReportRenderer.render(new JobReport(job, null, List.of(), List.of(), List.of(), 0, null, null));
        assertTrue(md.contains("| commit | not resolved yet |"), md);
        assertTrue(md.contains("| outcome | running |"), md);
        assertTrue(md.contains("| duration | 120 ms so far |"), md);
        assertTrue(md.contains("No baseline verdict yet."), md);
        assertTrue(md.contains("No ranking"), md);
        assertTrue(md.contains("No plan yet."), md);
        assertTrue(md.contains("No candidate verified."), md);
        assertTrue(md.endsWith("No patch yet: the job is still running.\n"), md);
    }

    @Test
    void nothingToRepairIsTheEmptyPatch() {
        String md = ReportRenderer.render(succeeded(""));
        assertTrue(md.endsWith("The empty patch: nothing needed repair.\n"), md);
    }

    @Test
    void aPatchHoldingAFenceGetsALongerFence() {
        String diff = "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-```java\n+```kotlin\n";
        String md = ReportRenderer.render(succeeded(diff));
        assertTrue(md.endsWith("````diff\n" + diff + "````\n"), md);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0 ms", ReportRenderer.duration(0));
        assertEquals("999 ms", ReportRenderer.duration(999));
        assertEquals("4.2 s", ReportRenderer.duration(4_210));
        assertEquals("2 min 05 s", ReportRenderer.duration(125_000));
        assertEquals("1 h 02 min", ReportRenderer.duration(3_720_000));
    }

    // ---------------------------------------------------------------------------------------------

    static JobReport succeeded(String patch) {
        JobReport.Job job = new JobReport.Job(JOB, "CONCLUDED", Outcome.SUCCEEDED, "a plausible patch passes all 2 tests",
                new SourceRef("bundle", null, "main", COMMIT, "a".repeat(64)), TaskKind.REPAIR, "make the failing tests pass",
                new Budget(3, 200, 20_000, 1_800_000), Instant.parse("2026-01-01T10:00:00Z"), 65_000, 2, 2, 2, 1);
        TestFailure failure = new TestFailure("com.acme.StatsTest#median", "com.acme.StatsTest", "median", "failure",
                "expected: <2.5> but was: <1.67>\n| rounded", "org.opentest4j.AssertionFailedError …");
        JobReport.Baseline baseline = new JobReport.Baseline(Verdict.FAIL, "1 of 2 tests failed: StatsTest#median", 2, 1,
                2_300L, List.of(failure));
        List<SuspiciousLocation> ranking = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ranking.add(new SuspiciousLocation("src/main/java/com/acme/Stats.java", 27 + i, "com.acme.Stats", "median",
                    1.0 - i * 0.01, i == 0 ? "stack-trace" : i == 1 ? "ochiai+stack-trace" : "call-graph"));
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("topScore", 0.875);
        numbers.put("locations", 5.0);
        List<JobReport.Plan> plans = List.of(
                new JobReport.Plan(0, PlanKind.BASELINE, 0, 0, 1, 1, 0, new Decision("baseline", Map.of(), "run the tests once")),
                new JobReport.Plan(1, PlanKind.REPAIR, 0, 5, 60, 2, 1,
                        new Decision("repair", numbers, "template repair at suspicious statements")),
                new JobReport.Plan(2, PlanKind.REPAIR, 5, 5, 58, null, null, null));
        List<JobReport.Candidate> candidates = List.of(
                new JobReport.Candidate(UUID.randomUUID(), 1, "off-by-one", "Stats.java:27 replace 3 with 4", Verdict.FAIL,
                        "1 of 2 tests failed", 1_200L, false),
                new JobReport.Candidate(UUID.randomUUID(), 1, "wrong-constant", "Stats.java:27 replace 3 with 2", Verdict.PASS,
                        "all 2 tests passed", 850L, true));
        return new JobReport(job, baseline, ranking, plans, candidates, 1, patch, null);
    }
}
