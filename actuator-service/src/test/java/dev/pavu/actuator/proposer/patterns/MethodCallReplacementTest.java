package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MethodCallReplacementTest {

    private final MethodCallReplacement pattern = new MethodCallReplacement();

    @Test
    void siblingOfTheSameSignatureInTheSameClass() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int width;
                    int height;
                    int width() { return width; }
                    int height() { return height; }
                    String name() { return "demo"; }
                    int depth(int scale) { return scale; }
                    int area() {
                        return width() * width(); // <-
                    }
                }
                """);
        assertEquals(List.of("return height() * width();", "return width() * height();"), f.changedCode());
        assertEquals("call height(...) instead of width(...)", f.descriptions().getFirst());
    }

    @Test
    void staticContextOnlyGetsStaticSiblings() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int lower(int a) { return a; }
                    static int upper(int a) { return a; }
                    int other(int a) { return a; }
                    static int use(int x) {
                        return lower(x); // <-
                    }
                }
                """);
        assertEquals(List.of("return upper(x);"), f.changedCode());
    }

    @Test
    void knownJdkPairsWeighLess() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int clamp(int v, int hi) {
                        return Math.min(v, hi); // <-
                    }
                }
                """);
        assertEquals(List.of("return Math.max(v, hi);"), f.changedCode());
        assertEquals(0.6, f.mutations.getFirst().weight());
    }

    @Test
    void callOnAVariableOfAClassInTheSameFile() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static class Box {
                        int min() { return 0; }
                        int max() { return 9; }
                    }
                    int use(Box box) {
                        return box.min(); // <-
                    }
                }
                """);
        assertEquals(List.of("return box.max();"), f.changedCode());
        assertEquals(1.0, f.mutations.getFirst().weight());
    }

    @Test
    void collectionSiblings() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean check(java.util.Deque<Character> open, char c) {
                        return open.peek() != c; // <-
                    }
                }
                """);
        assertEquals(List.of("return open.pop() != c;", "return open.poll() != c;"), f.changedCode());
    }
}
