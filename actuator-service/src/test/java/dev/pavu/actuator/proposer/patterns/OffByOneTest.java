package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffByOneTest {

    private final OffByOne pattern = new OffByOne();

    @Test
    void literalInitialiserAndBound() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] a, int n) {
                        int s = 0;
                        for (int i = 1; i < n; i++) { // <-
                            s += a[i];
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of(
                "for (int i = 2; i < n; i++) {",
                "for (int i = 0; i < n; i++) {",
                "for (int i = 1; i < n + 1; i++) {",
                "for (int i = 1; i < n - 1; i++) {"), f.changedCode());
        assertEquals(List.of("replace 1 with 2", "replace 1 with 0", "replace bound n with n + 1",
                "replace bound n with n - 1"), f.descriptions());
        assertTrue(f.allParse());
    }

    @Test
    void offsetInABoundShrinksToTheVariable() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int last(int[] a) {
                        return a[a.length - 1]; // <-
                    }
                }
                """);
        assertEquals(List.of("return a[a.length];", "return a[a.length - 2];"), f.changedCode());
        assertEquals(List.of("replace a.length - 1 with a.length", "replace a.length - 1 with a.length - 2"),
                f.descriptions());
    }

    @Test
    void arrayIndexShifts() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int get(int[] a, int i) {
                        return a[i]; // <-
                    }
                }
                """);
        assertEquals(List.of("return a[i + 1];", "return a[i - 1];"), f.changedCode());
    }

    @Test
    void negativeLiteralAndIntegerArgument() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String head(String s, int k) {
                        return k == -1 ? s : s.substring(0, k); // <-
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertTrue(code.contains("return k == 0 ? s : s.substring(0, k);"), code.toString());
        assertTrue(code.contains("return k == -2 ? s : s.substring(0, k);"), code.toString());
        assertTrue(code.contains("return k == -1 ? s : s.substring(0, k + 1);"), code.toString());
        assertTrue(code.contains("return k == -1 ? s : s.substring(0, k - 1);"), code.toString());
        assertTrue(code.contains("return k == -1 ? s : s.substring(1, k);"), code.toString());
        assertTrue(f.allParse());
    }

    @Test
    void composedBoundIsParenthesised() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean fits(int x, int a, int b) {
                        return x < (a << b); // <-
                    }
                }
                """);
        assertEquals(List.of("return x < (a << b) + 1;", "return x < (a << b) - 1;"), f.changedCode());
    }

    @Test
    void assignedAndInitialValues() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int search(int[] a, int low, int mid) {
                        low = mid; // <-
                        return low;
                    }
                }
                """);
        assertEquals(List.of("low = mid + 1;", "low = mid - 1;"), f.changedCode());
        assertEquals("replace assigned value mid with mid + 1", f.descriptions().getFirst());
        var g = PatternFixture.apply(pattern, """
                class Demo {
                    int last(int[] a) {
                        int high = a.length; // <-
                        return high;
                    }
                }
                """);
        assertEquals(List.of("int high = a.length + 1;", "int high = a.length - 1;"), g.changedCode());
        var objects = PatternFixture.apply(pattern, """
                class Demo {
                    String pick(String a, String b) {
                        a = b; // <-
                        return a;
                    }
                }
                """);
        assertEquals(List.of(), objects.changedCode());
    }
}
