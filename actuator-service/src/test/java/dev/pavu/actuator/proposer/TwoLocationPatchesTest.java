package dev.pavu.actuator.proposer;

import dev.pavu.contracts.PartialFix;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoLocationPatchesTest {

    static final String PATH = "src/main/java/demo/Collatz.java";
    static final String ORIGINAL = """
            package demo;

            class Collatz {
                static int steps(int n) {
                    int steps = 0;
                    while (n >= 1) {
                        if (n % 2 == 1) n /= 2;
                        else n = 3 * n + 1;
                        steps++;
                    }
                    return steps;
                }
            }
            """;

    static PartialFix partial(String from, String to, String pattern, int failed) {
        return new PartialFix(UnifiedDiffs.create(PATH, ORIGINAL, ORIGINAL.replace(from, to)), pattern, failed);
    }

    static Optional<String> read(String path) {
        return Optional.ofNullable(Map.of(PATH, ORIGINAL).get(path));
    }

    @Test
    void twoPartialFixesMakeOnePatchWithBothHunks() {
        var a = TwoLocationPatches.asEdit(partial("n >= 1", "n > 1", "relational-operator-replacement", 2),
                TwoLocationPatchesTest::read).orElseThrow();
        var b = TwoLocationPatches.asEdit(partial("n % 2 == 1", "n % 2 == 0", "constant-replacement", 3),
                TwoLocationPatchesTest::read).orElseThrow();
        assertEquals(new TextEdit(ORIGINAL.indexOf(">= 1") + 1, ORIGINAL.indexOf(">= 1") + 2, ""), a.edit(),
                "the replayed diff is the smallest edit of the original");
        List<Mutant> pairs = TwoLocationPatches.pairs(List.of(a, b), List.of(), 10);
        assertEquals(1, pairs.size());
        Mutant pair = pairs.getFirst();
        assertEquals(TwoLocationPatches.NAME, pair.pattern());
        assertEquals("Collatz.java:6 relational-operator-replacement at Collatz.java:6 + constant-replacement at Collatz.java:7"
                + " (two partial fixes)", pair.description());
        CandidateFactory.Selection s = new CandidateFactory(diff -> { }).select(pairs, 5, List.of());
        assertEquals("""
                diff --git a/src/main/java/demo/Collatz.java b/src/main/java/demo/Collatz.java
                --- a/src/main/java/demo/Collatz.java
                +++ b/src/main/java/demo/Collatz.java
                @@ -3,8 +3,8 @@
                 class Collatz {
                     static int steps(int n) {
                         int steps = 0;
                -        while (n >= 1) {
                -            if (n % 2 == 1) n /= 2;
                +        while (n > 1) {
                +            if (n % 2 == 0) n /= 2;
                             else n = 3 * n + 1;
                             steps++;
                         }
                """, s.candidates().getFirst().diff());
    }

    @Test
    void aPartialFixPairsWithTheTopRankedSingleEditsItDoesNotOverlap() {
        var a = TwoLocationPatches.asEdit(partial("n >= 1", "n > 1", "relational-operator-replacement", 2),
                TwoLocationPatchesTest::read).orElseThrow();
        SourceFile file = SourceFile.of(PATH, ORIGINAL);
        List<Mutant> singles = TemplateProposer.withDefaults().propose(file, List.of(new SuspiciousLine(6, 1.0, 0),
                new SuspiciousLine(7, 0.9, 1))).mutants();
        List<Mutant> pairs = TwoLocationPatches.pairs(List.of(a), singles, 8);
        assertEquals(8, pairs.size(), "bounded");
        for (Mutant p : pairs) {
            assertTrue(p.edits().contains(a.edit()) && p.edits().size() >= 2, "every pair keeps the partial fix and adds an edit");
            assertFalse(p.mutatedText().equals(ORIGINAL.replace("n >= 1", "n > 1")), p.description());
        }
        // a second edit equivalent to the reference's (== 1 → != 1 at line 7) is among the first, in the singles' rank order
        assertTrue(pairs.stream().anyMatch(p -> p.mutatedText().contains("while (n > 1)")
                        && p.mutatedText().contains("if (n % 2 != 1) n /= 2;")),
                () -> pairs.stream().map(Mutant::description).toList().toString());
        // the edits of the partial fix's own operator (>= → <=, ...) overlap it and are not paired
        assertTrue(pairs.stream().noneMatch(p -> p.mutatedText().contains("while (n <")), "overlapping edits are not paired");
    }

    @Test
    void aDiffThatDoesNotReplayOrTouchesTwoFilesIsNotUsed() {
        String stale = UnifiedDiffs.create(PATH, ORIGINAL.replace("steps++;", "steps += 2;"),
                ORIGINAL.replace("steps++;", "steps += 3;"));
        assertTrue(TwoLocationPatches.asEdit(new PartialFix(stale, "x", 1), TwoLocationPatchesTest::read).isEmpty());
        String twoFiles = UnifiedDiffs.create(PATH, ORIGINAL, ORIGINAL.replace("n >= 1", "n > 1"))
                + UnifiedDiffs.create("src/main/java/demo/Other.java", "a\n", "b\n");
        assertTrue(TwoLocationPatches.asEdit(new PartialFix(twoFiles, "x", 1), TwoLocationPatchesTest::read).isEmpty());
        assertFalse(TwoLocationPatches.disjoint(TextEdit.insert(5, "a"), TextEdit.insert(5, "b")));
        assertTrue(TwoLocationPatches.disjoint(new TextEdit(1, 3, "x"), new TextEdit(3, 4, "y")));
    }
}
