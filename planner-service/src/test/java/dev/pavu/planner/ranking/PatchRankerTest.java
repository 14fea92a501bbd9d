package dev.pavu.planner.ranking;

import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchRankerTest {

    private static final String PATH = "src/main/java/demo/Limits.java";
    private static final String CODE = """
            package demo;

            class Limits {
                int over(int[] xs, int limit) {
                    if (limit < 0) {
                        throw new IllegalArgumentException("negative limit");
                    }
                    int n = 0;
                    for (int x : xs) {
                        if (x > limit) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            """;

    private static String patch(String from, String to) {
        assertTrue(CODE.contains(from), from);
        return UnifiedDiffs.create(PATH, CODE, CODE.replace(from, to));
    }

    private static final Instant T0 = Instant.parse("2026-12-06T23:00:00Z");

    @Test
    void aOneOperatorChangeIsTwoChangedNodesAndDeletesNothing() {
        PatchFeatures f = PatchFeatures.of(patch("if (x > limit) {", "if (x >= limit) {"));
        assertEquals(2, f.changedNodes(), f.toString()); // BinaryExpr:GREATER out, BinaryExpr:GREATER_EQUALS in
        assertEquals(0, f.deletedStatements());
        assertEquals(0, f.droppedConditions());
        assertFalse(f.deletesOnly());
    }

    @Test
    void deletingAThrowCountsAsADeletedExitAndDeletesOnly() {
        PatchFeatures f = PatchFeatures.of(patch("            throw new IllegalArgumentException(\"negative limit\");\n", ""));
        assertEquals(1, f.deletedStatements(), f.toString());
        assertEquals(1, f.deletedExits());
        assertTrue(f.deletesOnly());
        assertTrue(f.changedNodes() >= 4, f.toString());
    }

    @Test
    void droppingAConjunctIsADroppedCondition() {
        PatchFeatures f = PatchFeatures.of(patch("if (limit < 0) {", "if (limit < 0 && xs.length > 0) {"));
        assertEquals(0, f.droppedConditions());
        PatchFeatures back = PatchFeatures.of(UnifiedDiffs.create(PATH, CODE.replace("if (limit < 0) {", "if (limit < 0 && xs.length > 0) {"), CODE));
        assertEquals(1, back.droppedConditions(), back.toString());
    }

    @Test
    void aRegionThatDoesNotParseIsComparedTokenByToken() {
        String code = "class A {\n  int f(int a) {\n    if (a > 0) {\n      return 1;\n    } else {\n      return 2;\n    }\n  }\n}\n";
        String diff = UnifiedDiffs.create("A.java", code, code.replace("} else {", "} else if (a < 0) {"));
        PatchFeatures f = PatchFeatures.of(diff);
        assertEquals(6, f.changedNodes(), f.toString()); // if ( a < 0 ) added as tokens
        assertEquals(0, f.deletedStatements());
    }

    @Test
    void aSmallerNonDeletingPatchBeatsAStatementDeletionThatAlsoPasses() {
        UUID deletion = UUID.randomUUID();
        UUID operator = UUID.randomUUID();
        // the deletion was found first and its pattern is unknown to the table: only size and kept behaviour decide
        List<RankedPatch> ranked = PatchRanker.rank(List.of(
                new PlausiblePatch(deletion, null, patch("                n++;\n", ""), T0, 3),
                new PlausiblePatch(operator, null, patch("if (x > limit) {", "if (x >= limit) {"), T0.plusSeconds(1), 3)));
        assertEquals(operator, ranked.get(0).candidateId());
        assertEquals(1, ranked.get(0).rank());
        assertEquals(deletion, ranked.get(1).candidateId());
        assertEquals(2, ranked.get(1).rank());
        assertTrue(ranked.get(0).score() > ranked.get(1).score(), ranked.toString());
        assertTrue(ranked.get(1).reasons().stream().anyMatch(r -> r.startsWith("deletes 1 statement, adding nothing: penalised")),
                ranked.get(1).reasons().toString());
        assertTrue(ranked.get(0).reasons().contains("deletes no statement, return, throw or condition (kept behaviour 1.00)"),
                ranked.get(0).reasons().toString());
        assertEquals("changes 2 AST nodes (size 0.75; smaller edits are likelier correct)", ranked.get(0).reasons().getFirst());
    }

    @Test
    void withTheirPatternsTheOperatorFixOutranksTheDeletionByMoreThanSizeAlone() {
        List<RankedPatch> plain = PatchRanker.rank(List.of(
                new PlausiblePatch(UUID.randomUUID(), null, patch("                n++;\n", ""), T0, 3)));
        List<RankedPatch> named = PatchRanker.rank(List.of(
                new PlausiblePatch(UUID.randomUUID(), "statement-deletion", patch("                n++;\n", ""), T0, 3)));
        assertTrue(named.getFirst().score() < plain.getFirst().score(), plain + " vs " + named);
        assertTrue(named.getFirst().reasons().contains("pattern statement-deletion: correctness prior 0.15"));
    }

    @Test
    void equalPatchesKeepTheSearchOrder() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String d = patch("if (x > limit) {", "if (x >= limit) {");
        List<RankedPatch> ranked = PatchRanker.rank(List.of(new PlausiblePatch(second, "off-by-one", d, T0.plusMillis(5), 3),
                new PlausiblePatch(first, "off-by-one", d, T0, 3)));
        assertEquals(List.of(first, second), ranked.stream().map(RankedPatch::candidateId).toList());
    }
}
