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

    @Test
    void jdkSiblingsOfTheSameSignatureComeFromTheJdkMostSimilarFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static String binary(int decimal) {
                        return "db" + Integer.toHexString(decimal) + "db"; // <-
                    }
                }
                """);
        List<String> changed = f.changedCode();
        assertEquals(MethodCallReplacement.MAX_JDK_SIBLINGS, changed.size(), changed.toString());
        assertEquals(true, changed.contains("return \"db\" + Integer.toBinaryString(decimal) + \"db\";"), changed.toString());
        assertEquals(true, changed.contains("return \"db\" + Integer.toOctalString(decimal) + \"db\";"), changed.toString());
        var c = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean f(char c) {
                        return Character.isUpperCase(c); // <-
                    }
                }
                """);
        assertEquals("return Character.isLowerCase(c);", c.changedCode().getFirst());
        assertEquals(true, c.allParse());
    }

    @Test
    void anInstanceCallOnAStringGetsStringSiblingsAndAProjectClassNamedLikeAJdkOneNone() {
        var s = PatternFixture.apply(pattern, """
                class Demo {
                    static String f(String s) {
                        return s.stripLeading(); // <-
                    }
                }
                """);
        assertEquals(true, s.changedCode().contains("return s.stripTrailing();"), s.changedCode().toString());
        var shadowed = PatternFixture.apply(pattern, """
                class Demo {
                    static String f(Object Integer) {
                        return Integer.toString(); // <-
                    }
                }
                """);
        assertEquals(List.of(), shadowed.changedCode(), "a variable named Integer is no call on java.lang.Integer");
    }
}
