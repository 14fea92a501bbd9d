package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogicalOperatorReplacementTest {

    private final LogicalOperatorReplacement pattern = new LogicalOperatorReplacement();

    @Test
    void andBecomesOrAndBack() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean inRange(int x, int lo, int hi) {
                        return x >= lo && x <= hi || x == 0; // <-
                    }
                }
                """);
        assertEquals(List.of(
                "return x >= lo && x <= hi && x == 0;",
                "return x >= lo || x <= hi || x == 0;"), f.changedCode());
        assertEquals(List.of("replace || with &&", "replace && with ||"), f.descriptions());
    }

    @Test
    void bitwiseOperators() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int mask(int a, int b) {
                        return a & b; // <-
                    }
                }
                """);
        assertEquals(List.of("return a | b;", "return a ^ b;"), f.changedCode());
    }

    @Test
    void redundantParenthesesAreDropped() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean overlaps(boolean same, boolean a, boolean b) {
                        return same && (a || b); // <-
                    }
                }
                """);
        assertEquals(List.of("return same || (a || b);", "return same && a && b;"), f.changedCode());
        assertEquals("replace || with && and drop the parentheses", f.descriptions().get(1));
    }
}
