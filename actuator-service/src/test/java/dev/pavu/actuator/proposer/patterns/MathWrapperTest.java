package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MathWrapperTest {

    private final MathWrapper pattern = new MathWrapper();

    @Test
    void anAssignedSumIsClampedAtZeroFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int kadane(int[] xs) {
                        int here = 0;
                        int best = 0;
                        for (int x : xs) {
                            here = here + x; // <-
                            best = Math.max(best, here);
                        }
                        return best;
                    }
                }
                """);
        assertEquals(List.of(
                "here = Math.max(0, here + x);",
                "here = Math.abs(here + x);",
                "here = Math.max(here + x, 1);",
                "here = Math.min(here + x, best);",
                "here = Math.max(here + x, best);"), f.changedCode());
        assertEquals(List.of(1.0, 0.7, 0.6, 0.5, 0.4), f.mutations.stream().map(m -> m.weight()).toList());
        assertTrue(f.allParse());
    }

    @Test
    void anInitialValueAtLeastOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int grow(int current, int min) {
                        int capacity = current; // <-
                        while (capacity < min) {
                            capacity *= 2;
                        }
                        return capacity;
                    }
                }
                """);
        assertEquals(List.of(
                "int capacity = Math.max(0, current);",
                "int capacity = Math.abs(current);",
                "int capacity = Math.max(current, 1);",
                "int capacity = Math.min(current, min);",
                "int capacity = Math.max(current, min);"), f.changedCode());
    }

    @Test
    void literalsStringsAndWrappedValuesAreLeftAlone() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static String f(int a) {
                        int x = 3; // <-
                        int y = Math.max(a, 0);
                        return "" + x + y;
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
