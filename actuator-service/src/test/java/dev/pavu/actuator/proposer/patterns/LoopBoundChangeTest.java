package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopBoundChangeTest {

    private final LoopBoundChange pattern = new LoopBoundChange();

    @Test
    void sizeBoundsMoveByOneAndTheStartIndexFlips() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] a, int[] b) {
                        int s = 0;
                        for (int i = 0; i < a.length; i++) { // <-
                            s += a[i];
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of(
                "for (int i = 0; i < a.length - 1; i++) {",
                "for (int i = 0; i < a.length + 1; i++) {",
                "for (int i = 0; i < b.length; i++) {",
                "for (int i = 1; i < a.length; i++) {"), f.changedCode());
    }

    @Test
    void anInnerBoundShrinksWithTheOuterLoopVariable() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void bubble(int[] a, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 1; j < n; j++) { // <-
                                if (a[j - 1] > a[j]) {
                                    int t = a[j];
                                    a[j] = a[j - 1];
                                    a[j - 1] = t;
                                }
                            }
                        }
                    }
                }
                """);
        assertEquals(List.of(
                "for (int j = 1; j < n - i; j++) {",
                "for (int j = 1; j < n - i - 1; j++) {",
                "for (int j = 1; j < a.length; j++) {",
                "for (int j = 0; j < n; j++) {",
                "for (int j = i + 1; j < n; j++) {",
                "for (int j = i; j < n; j++) {"), f.changedCode());
    }

    @Test
    void anInnerLoopOverPairsStartsAfterTheOuterIndex() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean pairSumsToZero(int[] l) {
                        for (int i = 0; i < l.length; i += 1) {
                            for (int j = 0; j < l.length; j += 1) { // <-
                                if (l[i] + l[j] == 0) return true;
                            }
                        }
                        return false;
                    }
                    void untouched(int[] l, long k) {
                        for (long m = 0; m < k; m++) {
                            for (int j = 0; j < l.length; j++) {
                            }
                        }
                    }
                }
                """);
        List<String> changed = f.changedCode();
        assertEquals("for (int j = i + 1; j < l.length; j += 1) {", changed.get(changed.size() - 2));
        assertEquals("for (int j = i; j < l.length; j += 1) {", changed.getLast());
        assertEquals(1, changed.stream().filter(c -> c.contains("j = i + 1")).count(), "one start per enclosing loop: " + changed);
        assertEquals(true, f.allParse());
    }

    @Test
    void aLongOuterVariableIsNotAStartForAnIntIndex() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void untouched(int[] l, long k) {
                        for (long m = 0; m < k; m++) {
                            for (int j = 0; j < l.length; j++) { // <-
                            }
                        }
                    }
                }
                """);
        assertEquals(0, f.changedCode().stream().filter(c -> c.contains("j = m")).count(), f.changedCode().toString());
    }

    @Test
    void aWhileLoopBoundOnTheLeft() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int count(String s) {
                        int i = 0;
                        while (s.length() > i) { // <-
                            i++;
                        }
                        return i;
                    }
                }
                """);
        assertEquals(List.of("while (s.length() - 1 > i) {", "while (s.length() + 1 > i) {"), f.changedCode());
    }
}
