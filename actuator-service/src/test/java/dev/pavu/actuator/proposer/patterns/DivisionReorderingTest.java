package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivisionReorderingTest {

    private final DivisionReordering pattern = new DivisionReordering();

    @Test
    void anEarlyIntegerDivisionMovesLast() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int sumTo(int n) {
                        return (n + 1) * (n / 2); // <-
                    }
                }
                """);
        assertEquals(List.of("return (n + 1) * n / 2;"), f.changedCode());
        assertTrue(f.allParse());
        var left = PatternFixture.apply(pattern, """
                class Demo {
                    static int percent(int part, int whole) {
                        return (part / whole) * 100; // <-
                    }
                }
                """);
        assertEquals(List.of("return part * 100 / whole;"), left.changedCode());
    }

    @Test
    void notForAFloatingPointQuotientNorAPlainProduct() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static double f(double a, double b, int n) {
                        return n * (a / b) + n * (n + 1); // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
