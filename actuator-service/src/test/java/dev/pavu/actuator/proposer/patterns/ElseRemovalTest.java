package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElseRemovalTest {

    private final ElseRemoval pattern = new ElseRemoval();

    @Test
    void anElseIfThatMustAlsoBeTestedBecomesAnIf() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static double[] range(double[] xs) {
                        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
                        for (double x : xs) {
                            if (x > max) {
                                max = x;
                            }
                            else if (x < min) { // <-
                                min = x;
                            }
                        }
                        return new double[] {min, max};
                    }
                }
                """);
        assertEquals(List.of("if (x < min) {"), f.changedCode());
        assertEquals("if (x < min) instead of else if", f.descriptions().getFirst());
        assertTrue(f.allParse());
        var sameLine = PatternFixture.apply(pattern, """
                class Demo {
                    static int f(int x, int y) {
                        if (x > 0) y = 1; else if (x < -5) y = 2; // <-
                        return y;
                    }
                }
                """);
        assertEquals(List.of("if (x > 0) y = 1; if (x < -5) y = 2;"), sameLine.changedCode());
    }

    @Test
    void notAfterABranchThatLeavesNorOnAPlainIf() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int f(int x) {
                        if (x > 0) {
                            return 1;
                        } else if (x < 0) { // <-
                            x = -x;
                        }
                        if (x == 0) x = 7;
                        return x;
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
