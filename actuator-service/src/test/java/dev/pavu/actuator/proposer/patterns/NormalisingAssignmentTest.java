package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalisingAssignmentTest {

    private final NormalisingAssignment pattern = new NormalisingAssignment();

    @Test
    void aNumberBecomesNonNegativeAndAStringTrimmedOrLowerCaseBeforeTheStatement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean isCube(int a, String s) {
                        double root = Math.pow(a, 1. / 3) + s.length(); // <-
                        return Math.round(root) == root;
                    }
                }
                """);
        assertEquals(List.of("a = Math.abs(a);", "s = s.trim();", "s = s.toLowerCase();"), f.changedCode());
        assertEquals("insert a = Math.abs(a); before the statement", f.descriptions().getFirst());
        assertTrue(f.allParse());
    }

    @Test
    void notAFieldAFinalOrAWrittenVariable() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int field;
                    int f(final int a, int b, String s) {
                        b = a + field + s.length(); // <-
                        return b;
                    }
                }
                """);
        assertEquals(List.of("s = s.trim();", "s = s.toLowerCase();"), f.changedCode());
    }
}
