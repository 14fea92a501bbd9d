package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElseInsertionTest {

    private final ElseInsertion pattern = new ElseInsertion();

    @Test
    void aSecondIfThatUndoesTheFirstBecomesAnElseIf() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String swapCase(String s) {
                        StringBuilder sb = new StringBuilder();
                        for (char c : s.toCharArray()) {
                            if (Character.isUpperCase(c)) {
                                c = Character.toLowerCase(c);
                            }
                            if (Character.isLowerCase(c)) { // <-
                                c = Character.toUpperCase(c);
                            }
                            sb.append(c);
                        }
                        return sb.toString();
                    }
                }
                """);
        assertEquals("else if (Character.isLowerCase(c)) {", f.changedCode().getFirst());
        assertEquals(1, f.mutations.size(), "the next statement is no if: " + f.changedCode());
        assertTrue(f.allParse());
        assertEquals("else if (Character.isLowerCase(c)) instead of a second if", f.descriptions().getFirst());
    }

    @Test
    void chainsTheNextIfAndTheEndOfAnElseIfChain() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int grade(int score) {
                        int g = 0;
                        if (score > 90) g = 4; else if (score > 80) g = 3;
                        if (score > 70) g = 2; // <-
                        if (score > 60) g = 1;
                        return g;
                    }
                }
                """);
        assertEquals(List.of(
                "else if (score > 70) g = 2;",
                "else if (score > 60) g = 1;"), f.changedCode());
        assertTrue(f.allParse());
    }

    @Test
    void notAfterAnIfThatAlwaysLeavesOrAlreadyHasAnElse() {
        var returns = PatternFixture.apply(pattern, """
                class Demo {
                    int sign(int x) {
                        if (x < 0) {
                            return -1;
                        }
                        if (x > 0) { // <-
                            x = 1;
                        }
                        return x;
                    }
                }
                """);
        assertEquals(List.of(), returns.changedCode(), "an else after a return changes nothing");
        var hasElse = PatternFixture.apply(pattern, """
                class Demo {
                    int f(int x) {
                        if (x < 0) x = 0; else x = 1;
                        if (x > 0) x = 2; // <-
                        return x;
                    }
                }
                """);
        assertEquals(List.of(), hasElse.changedCode());
    }
}
