package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompoundAssignmentReplacementTest {

    private final CompoundAssignmentReplacement pattern = new CompoundAssignmentReplacement();

    @Test
    void plusAssignBecomesMinusAssignOrPlainAssign() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int total(int[] a) {
                        int s = 0;
                        for (int x : a) {
                            s += x; // <-
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of("s -= x;", "s *= x;", "s = x;"), f.changedCode());
        assertEquals("replace += with -=", f.descriptions().getFirst());
    }

    @Test
    void incrementBecomesDecrement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void down(int[] a) {
                        for (int i = a.length - 1; i >= 0; i++) { // <-
                            a[i] = 0;
                        }
                    }
                }
                """);
        assertEquals(List.of("for (int i = a.length - 1; i >= 0; i--) {"), f.changedCode());
        assertEquals(List.of("replace i++ with i--"), f.descriptions());
    }

    @Test
    void plainAssignmentOfANumberMayAccumulate() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int last(int[] a) {
                        int s = 0;
                        for (int x : a) {
                            s = x; // <-
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of("s += x;", "s -= x;"), f.changedCode());
    }

    @Test
    void xorAssignBecomesAndAssign() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int bits(int n) {
                        int count = 0;
                        while (n != 0) {
                            n ^= n - 1; // <-
                            count++;
                        }
                        return count;
                    }
                }
                """);
        assertEquals(List.of("n &= n - 1;", "n |= n - 1;", "n = n - 1;"), f.changedCode());
    }
}
