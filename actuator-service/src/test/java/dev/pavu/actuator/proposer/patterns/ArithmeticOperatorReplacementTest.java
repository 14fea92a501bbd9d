package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArithmeticOperatorReplacementTest {

    private final ArithmeticOperatorReplacement pattern = new ArithmeticOperatorReplacement();

    @Test
    void plusBecomesMinusFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int mid(int lo, int hi) {
                        return lo + (hi - lo) / 2; // <-
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertEquals("return lo - (hi - lo) / 2;", code.get(0));
        assertTrue(code.contains("return lo + (hi + lo) / 2;"), code.toString());
        assertTrue(code.contains("return lo + (hi - lo) * 2;"), code.toString());
        assertTrue(code.contains("return lo + (hi - lo) % 2;"), code.toString());
        assertEquals(4 + 4 + 4, code.size());
        assertTrue(f.allParse());
    }

    @Test
    void stringConcatenationIsLeftAlone() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String label(int n) {
                        return "n=" + n; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }

    @Test
    void shiftsAreReplacedByShifts() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int half(int n) {
                        return n >> 1; // <-
                    }
                }
                """);
        assertEquals(List.of("return n >>> 1;", "return n << 1;"), f.changedCode());
    }

    @Test
    void aBitwiseOrOfIntegersMayHaveMeantASum() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int add(int x, long y) {
                        return (int) (x | y) + (x ^ 3); // <-
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertTrue(code.contains("return (int) (x + y) + (x ^ 3);"), code.toString());
        assertTrue(code.contains("return (int) (x | y) + (x + 3);"), code.toString());
        assertTrue(f.allParse());
    }

    @Test
    void aBitwiseOrOfBooleansIsLogicalAndLeftAlone() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean either(boolean a, boolean b) {
                        return a | b; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
