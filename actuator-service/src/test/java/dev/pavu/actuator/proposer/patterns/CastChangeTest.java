package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastChangeTest {

    private final CastChange pattern = new CastChange();

    @Test
    void integerDivisionReturnedAsDouble() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static double mean(int[] values) {
                        long sum = 0;
                        for (int v : values) {
                            sum += v;
                        }
                        return sum / values.length; // <-
                    }
                }
                """);
        assertEquals(List.of("return (double) sum / values.length;", "return sum / (double) values.length;"), f.changedCode());
        assertEquals(1.0, f.mutations.getFirst().weight());
        assertEquals(0.6, f.mutations.get(1).weight(), 1e-9);
        assertTrue(f.allParse());
    }

    @Test
    void intMultiplicationAddedToALong() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static final int MILLIS_PER_DAY = 24 * 60 * 60 * 1000;
                    static long expiresAt(long created, int days) {
                        return created + days * MILLIS_PER_DAY; // <-
                    }
                }
                """);
        assertEquals(List.of("return created + (long) days * MILLIS_PER_DAY;",
                "return created + days * (long) MILLIS_PER_DAY;"), f.changedCode());
        assertEquals(1.0, f.mutations.getFirst().weight());
    }

    @Test
    void existingCastsAreRemovedOrChanged() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int half(double x, int n) {
                        return (int) (x / 2) + n; // <-
                    }
                }
                """);
        assertEquals(List.of("return (x / 2) + n;", "return (long) (x / 2) + n;"), f.changedCode());
    }

    @Test
    void floatingDivisionNeedsNoCast() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static double f(double a, int b) {
                        return a / b; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
