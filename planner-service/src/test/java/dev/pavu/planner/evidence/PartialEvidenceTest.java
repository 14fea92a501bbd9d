package dev.pavu.planner.evidence;

import dev.pavu.contracts.SuspiciousLocation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialEvidenceTest {

    static final String FILE = "src/main/java/a/A.java";

    static SuspiciousLocation loc(int line, double score) {
        return new SuspiciousLocation(FILE, line, "a.A", "m", score, "ochiai");
    }

    static String replace(String file, int line) {
        return "--- a/" + file + "\n+++ b/" + file + "\n@@ -" + line + " +" + line + " @@\n-  x = 1;\n+  x = 2;\n";
    }

    @Test
    void gainIsTheShareOfTheBaselinesFailingTestsMadeToPass() {
        assertEquals(0.25, PartialEvidence.gain(1, 1, 4), 1e-12); // fail-fast: 1 passed before the first failure
        assertEquals(0.5, PartialEvidence.gain(200, 2, 4), 1e-12); // whole suite: B − failed bounds passed
        assertEquals(0.0, PartialEvidence.gain(3, 4, 4), 1e-12);
        assertEquals(0.0, PartialEvidence.gain(3, 1, null), 1e-12);
        assertEquals(0.0, PartialEvidence.gain(3, 1, 0), 1e-12);
    }

    @Test
    void absurdCountsGiveABoundedGain() {
        assertEquals(0.0, PartialEvidence.gain(-5, -7, 4), 1e-12); // negative passed reads as 0
        assertEquals(1.0, PartialEvidence.gain(Integer.MAX_VALUE, -3, 4), 1e-12); // clamped to 1
        assertEquals(0.0, PartialEvidence.gain(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), 1e-12);
        assertEquals(0.0, PartialEvidence.gain(1, 1, -4), 1e-12);
    }

    @Test
    void boostIsANoisyOrThatStaysInTheUnitInterval() {
        assertEquals(0.3, PartialEvidence.boost(0.3, 0.0, 0.5), 1e-12);
        assertEquals(1 - 0.7 * 0.75, PartialEvidence.boost(0.3, 0.5, 0.5), 1e-12);
        assertEquals(0.5, PartialEvidence.boost(0.0, 1.0, 0.5), 1e-12);
        assertEquals(1.0, PartialEvidence.boost(7.0, 1.0, 3.0), 1e-12);
        assertEquals(0.5, PartialEvidence.boost(Double.NaN, 1.0, 0.5), 1e-12);
    }

    @Test
    void touchedLinesAreTheOldSideOfDeletionsAndTheLineAnInsertionGoesBefore() {
        String diff = "--- a/" + FILE + "\n+++ b/" + FILE + "\n@@ -10,3 +10,3 @@\n a\n-b\n+B\n c\n@@ -20,2 +20,3 @@\n d\n+guard();\n e\n";
        assertEquals(Map.of(FILE, Set.of(11, 21)), PartialEvidence.touched(diff));
        assertTrue(PartialEvidence.touched("not a diff at all").isEmpty());
        assertTrue(PartialEvidence.touched("--- a/x\n+++ b/x\n@@ -1,9 +1 @@\n-a\n").isEmpty(), "a malformed hunk touches nothing");
        assertTrue(PartialEvidence.touched(replace(FILE, 3) + "x".repeat(PartialEvidence.MAX_DIFF_CHARS)).isEmpty());
        assertTrue(PartialEvidence.touched(null).isEmpty());
    }

    @Test
    void aPartialFixMovesItsLocationFirstAndWeighsItsPattern() {
        List<SuspiciousLocation> ranking = List.of(loc(5, 0.9), loc(6, 0.8), loc(7, 0.7), loc(8, 0.6), loc(9, 0.5));
        List<SuspiciousLocation> slice = ranking.subList(2, 5);
        // a partial fix at line 6 (handed out by an earlier plan) of pattern P made 1 of 2 failing tests pass
        var applied = PartialEvidence.apply(slice, ranking,
                List.of(new PartialEvidence.Partial(replace(FILE, 6), "P", 1, 1)), 2, SearchWeights.DEFAULTS);
        assertEquals(1, applied.boosted());
        SuspiciousLocation first = applied.locations().getFirst();
        assertEquals(6, first.line());
        assertEquals(1 - 0.2 * (1 - 0.5 * 0.5), first.score(), 1e-12);
        assertEquals("ochiai+partial-fix", first.evidence());
        assertEquals(List.of(6, 7, 8, 9), applied.locations().stream().map(SuspiciousLocation::line).toList());
        assertEquals(Map.of("P", 0.5), applied.patternGains());

        // a location inside the slice is boosted in place, not duplicated; without evidence the slice is unchanged
        var inside = PartialEvidence.apply(slice, ranking,
                List.of(new PartialEvidence.Partial(replace(FILE, 9), "Q", 1, 1)), 2, SearchWeights.DEFAULTS);
        assertEquals(List.of(9, 7, 8), inside.locations().stream().map(SuspiciousLocation::line).toList());
        assertEquals(slice, PartialEvidence.apply(slice, ranking, List.of(), 2, SearchWeights.DEFAULTS).locations());
        assertEquals(slice, PartialEvidence.apply(slice, ranking,
                List.of(new PartialEvidence.Partial(replace(FILE, 6), "P", 1, 1)), 2, SearchWeights.OFF).locations());
    }

    @Test
    void anUnrankedLineBecomesALocationOfItsOwn() {
        List<SuspiciousLocation> ranking = List.of(loc(5, 0.9), loc(6, 0.8));
        var applied = PartialEvidence.apply(ranking.subList(1, 2), ranking,
                List.of(new PartialEvidence.Partial(replace("src/main/java/a/B.java", 40), "P", 2, 1)), 3, SearchWeights.DEFAULTS);
        SuspiciousLocation first = applied.locations().getFirst();
        assertEquals("src/main/java/a/B.java", first.file());
        assertEquals(40, first.line());
        assertEquals("partial-fix", first.evidence());
        assertEquals(0.5 * 2 / 3.0, first.score(), 1e-12);
    }

    @Test
    void hostilePartialsAreBoundedAndNeverBreakTheOrder() {
        List<SuspiciousLocation> ranking = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            ranking.add(loc(i, 1.0 / i));
        }
        List<PartialEvidence.Partial> partials = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            partials.add(new PartialEvidence.Partial(i % 3 == 0 ? "garbage " + i : replace(FILE, 1 + i % 400),
                    i % 5 == 0 ? "p".repeat(10_000) : "P" + i, i % 2 == 0 ? -1 : Integer.MAX_VALUE, i % 7 == 0 ? -9 : 1));
        }
        List<SuspiciousLocation> slice = ranking.subList(100, 105);
        var applied = PartialEvidence.apply(slice, ranking, partials, 4, SearchWeights.DEFAULTS);
        assertTrue(applied.locations().size() <= slice.size() + SearchWeights.DEFAULTS.maxExtraLocations(), applied.locations().toString());
        assertTrue(applied.locations().stream().map(SuspiciousLocation::line).toList()
                .containsAll(slice.stream().map(SuspiciousLocation::line).toList()), "the slice is kept: " + applied.locations());
        assertTrue(applied.locations().stream().allMatch(l -> l.score() >= 0 && l.score() <= 1));
        assertTrue(applied.patternGains().keySet().stream().allMatch(p -> p.length() <= PartialEvidence.MAX_NAME));
        assertTrue(applied.patternGains().values().stream().allMatch(g -> g > 0 && g <= 1));
        assertTrue(applied.patternGains().size() <= PartialEvidence.MAX_PARTIALS);
    }
}
