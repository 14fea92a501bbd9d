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
                "for (int j = 0; j < n; j++) {"), f.changedCode());
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
