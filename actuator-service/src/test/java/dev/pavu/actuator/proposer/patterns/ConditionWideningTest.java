package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionWideningTest {

    private final ConditionWidening pattern = new ConditionWidening();

    @Test
    void aBooleanReturnGetsTheNullCaseFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean isBlank(String s) {
                        return s.strip().isEmpty(); // <-
                    }
                }
                """);
        assertEquals(List.of("return s == null || s.strip().isEmpty();"), f.changedCode());
        assertEquals(List.of("widen condition with s == null ||"), f.descriptions());
    }

    @Test
    void flagsInScopeAreAddedAsDisjuncts() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int pick(int x, boolean force) {
                        if (x > 0) { // <-
                            return x;
                        }
                        return 0;
                    }
                }
                """);
        assertEquals(List.of("if (x > 0 || force) {", "if (x > 0 || !force) {"), f.changedCode());
        assertTrue(f.allParse());
    }

    @Test
    void aTernaryConditionIsParenthesised() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int pick(int x, boolean b, boolean force) {
                        if (b ? x > 0 : x < 0) { // <-
                            return x;
                        }
                        return 0;
                    }
                }
                """);
        // the ?: condition b itself is widened too
        assertEquals(List.of("if ((b ? x > 0 : x < 0) || force) {", "if ((b ? x > 0 : x < 0) || !force) {",
                "if (b || force ? x > 0 : x < 0) {", "if (b || !force ? x > 0 : x < 0) {"), f.changedCode());
        assertTrue(f.allParse());
    }
}
