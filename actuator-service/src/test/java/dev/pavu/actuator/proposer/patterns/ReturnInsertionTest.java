package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnInsertionTest {

    private final ReturnInsertion pattern = new ReturnInsertion();

    @Test
    void aValueFoundInALoopIsReturnedAtOnce() {
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
        assertEquals(List.of("return found;"), f.changedCode());
        assertEquals(List.of("insert return found; (return the value found)"), f.descriptions());
        assertTrue(f.allParse());
    }

    @Test
    void notWhenTheReturnTypeDoesNotFitNorOutsideALoop() {
        String wrongType = """
                class Demo {
                    static boolean any(int[] a) {
                        int found = -1;
                        for (int i = 0; i < a.length; i++) {
                            if (a[i] > 0) {
                                found = i; // <-
                            }
                        }
                        return found >= 0;
                    }
                }
                """;
        assertEquals(List.of(), PatternFixture.apply(pattern, wrongType).changedCode());
        String noLoop = """
                class Demo {
                    static int f(int a) {
                        int r = 0;
                        if (a > 0) {
                            r = a; // <-
                        }
                        return r;
                    }
                }
                """;
        assertEquals(List.of(), PatternFixture.apply(pattern, noLoop).changedCode());
    }
}
