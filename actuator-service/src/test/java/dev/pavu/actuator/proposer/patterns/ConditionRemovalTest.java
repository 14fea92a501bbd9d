package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConditionRemovalTest {

    private final ConditionRemoval pattern = new ConditionRemoval();

    @Test
    void dropsEachConjunctThenMakesTheIfConstant() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void put(int[] a, int i, int v) {
                        if (i >= 0 && i < a.length && v != 0) { // <-
                            a[i] = v;
                        }
                    }
                }
                """);
        assertEquals(List.of(
                "if (i < a.length && v != 0) {",
                "if (i >= 0 && v != 0) {",
                "if (i >= 0 && i < a.length) {",
                "if (true) {",
                "if (false) {"), f.changedCode());
        assertEquals("drop sub-condition i >= 0", f.descriptions().getFirst());
    }

    @Test
    void loopConditionsAreNeverMadeConstant() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int find(int[] a, int x) {
                        int i = 0;
                        while (i < a.length && a[i] != x) { // <-
                            i++;
                        }
                        return i;
                    }
                }
                """);
        assertEquals(List.of("while (a[i] != x) {", "while (i < a.length) {"), f.changedCode());
    }
}
