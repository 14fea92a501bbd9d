package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementInsertionTest {

    private final IncrementInsertion pattern = new IncrementInsertion();

    @Test
    void theLoopVariableMovesTheWayItsConditionPoints() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static void sort(int[] a) {
                        for (int i = 1; i < a.length; i++) {
                            int key = a[i];
                            int j = i - 1;
                            while (j >= 0 && a[j] > key) {
                                a[j + 1] = a[j]; // <-
                            }
                            a[j + 1] = key;
                        }
                    }
                }
                """);
        // i is the outer loop's (its update changes it); key is in the condition but as a value, j as a position
        assertEquals(List.of("j--;", "key++;", "j++;", "key--;"), f.changedCode());
        assertEquals(List.of(1.0, 0.6, 0.4, 0.24), f.mutations.stream().map(m -> m.weight()).toList());
        assertTrue(f.allParse());
    }

    @Test
    void aCounterReadAfterTheLoopIsIncremented() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int words(String text) {
                        int count = 0;
                        boolean inWord = false;
                        for (int i = 0; i < text.length(); i++) {
                            if (Character.isWhitespace(text.charAt(i))) {
                                inWord = false;
                            } else if (!inWord) {
                                inWord = true; // <-
                            }
                        }
                        return count;
                    }
                }
                """);
        assertEquals(List.of("count++;", "count--;"), f.changedCode());
        String mutated = dev.pavu.actuator.proposer.SourceFile.of("Demo.java", f.source).apply(f.mutations.getFirst().edits());
        assertTrue(mutated.contains("inWord = true; // <-\n" + " ".repeat(16) + "count++;\n"), mutated);
        assertEquals(List.of("insert count++;", "insert count--;"), f.descriptions());
    }

    @Test
    void onALoopHeaderTheStatementGoesAtTheEndOfTheBody() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int last(int[] a, int x) {
                        int i = 0;
                        while (i < a.length) { // <-
                            if (a[i] == x) {
                                return i;
                            }
                        }
                        return -1;
                    }
                }
                """);
        // x is no position, not in the condition and no counter: last
        assertEquals(List.of("i++;", "i--;", "x++;", "x--;"), f.changedCode());
    }

    @Test
    void nothingOutsideALoop() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int f(int n) {
                        int m = n * 2; // <-
                        return m;
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
