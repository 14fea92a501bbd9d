package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakInsertionTest {

    private final BreakInsertion pattern = new BreakInsertion();

    @Test
    void aCaseThatFallsThroughGetsItsBreak() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static String kind(int status) {
                        String k;
                        switch (status / 100) {
                            case 2:
                                k = "ok";
                                break;
                            case 4:
                                k = "client"; // <-
                            case 5:
                                k = "server";
                                break;
                            default:
                                k = "?";
                        }
                        return k;
                    }
                }
                """);
        assertEquals(List.of("break;"), f.changedCode());
        assertEquals(List.of("insert break; (case falls through)"), f.descriptions());
        assertEquals(List.of(1.0), f.mutations.stream().map(m -> m.weight()).toList());
        assertTrue(f.allParse());
    }

    @Test
    void aSearchStopsAtTheFirstHit() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int firstFree(boolean[] taken) {
                        int found = -1;
                        for (int i = 0; i < taken.length; i++) {
                            if (!taken[i]) {
                                found = i; // <-
                            }
                        }
                        return found;
                    }
                }
                """);
        assertEquals(List.of("break;"), f.changedCode());
        assertEquals(List.of(0.9), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void neverWhereStatementsFollowNorAfterAnExistingBreakNorInTheLastCase() {
        String notLast = """
                class Demo {
                    static int f(int[] a) {
                        int s = 0;
                        for (int x : a) {
                            s += x; // <-
                            s *= 2;
                        }
                        return s;
                    }
                }
                """;
        assertEquals(List.of(), PatternFixture.apply(pattern, notLast).changedCode());
        String lastCase = """
                class Demo {
                    static int f(int x) {
                        int k = 0;
                        switch (x) {
                            case 1:
                                k = 1;
                                break;
                            default:
                                k = 2; // <-
                        }
                        return k;
                    }
                }
                """;
        assertEquals(List.of(), PatternFixture.apply(pattern, lastCase).changedCode());
    }
}
