package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NullCheckInsertionTest {

    private final NullCheckInsertion pattern = new NullCheckInsertion();

    @Test
    void wrapsADereferencingStatement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void close(java.io.Closeable in, int[] counts) throws java.io.IOException {
                        in.close(); // <-
                    }
                }
                """);
        assertEquals(List.of("if (in != null) in.close();"), f.changedCode());
        assertEquals(List.of("wrap statement in if (in != null)"), f.descriptions());
        assertTrue(f.allParse());
    }

    @Test
    void guardsAReturnWithTheDefaultValue() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int length(String s) {
                        return s.length(); // <-
                    }
                }
                """);
        assertEquals(List.of("if (s == null) return 0;"), f.changedCode());
        String mutated = f.mutations.getFirst().edits().getFirst().replacement();
        assertEquals("if (s == null) return 0;\n        ", mutated);
    }

    @Test
    void primitivesClassNamesAndDeclarationsAreSkipped() {
        assertEquals(List.of(), PatternFixture.apply(pattern, """
                class Demo {
                    void run(int n) {
                        System.out.println(Math.abs(n)); // <-
                    }
                }
                """).changedCode());
        assertEquals(List.of(), PatternFixture.apply(pattern, """
                class Demo {
                    void run(String s) {
                        String t = s.trim(); // <-
                        System.out.println(t);
                    }
                }
                """).changedCode());
    }

    @Test
    void arraysAndForEachIterables() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] xs) {
                        int s = 0;
                        for (int x : xs) { // <-
                            s += x;
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of("if (xs != null) for (int x : xs) {"), f.changedCode());
    }
}
