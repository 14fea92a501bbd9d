package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnValueChangeTest {

    private final ReturnValueChange pattern = new ReturnValueChange();

    @Test
    void booleanLiteralIsFlipped() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean isValid(String s) {
                        return false; // <-
                    }
                }
                """);
        assertEquals(List.of("return true;"), f.changedCode());
        assertEquals(List.of("return true instead of false"), f.descriptions());
    }

    @Test
    void booleanExpressionIsNegated() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean isEven(int n) {
                        return n % 2 == 1; // <-
                    }
                }
                """);
        assertEquals(List.of("return !(n % 2 == 1);"), f.changedCode());
    }

    @Test
    void integerLiteralPlusMinusOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int notFound() {
                        return -1; // <-
                    }
                }
                """);
        assertEquals(List.of("return 0;", "return -2;"), f.changedCode());
    }

    @Test
    void numericExpressionPlusMinusOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int count(int[] a, int i) {
                        return a.length - i; // <-
                    }
                }
                """);
        assertEquals(List.of("return a.length - i + 1;", "return a.length - i - 1;"), f.changedCode());
    }

    @Test
    void nullBecomesTheEmptyValueOfTheType() {
        assertEquals(List.of("return \"\";"), PatternFixture.apply(pattern, """
                class Demo {
                    String name() {
                        return null; // <-
                    }
                }
                """).changedCode());
        assertEquals(List.of("return java.util.List.of();"), PatternFixture.apply(pattern, """
                class Demo {
                    java.util.List<String> names() {
                        return null; // <-
                    }
                }
                """).changedCode());
        assertEquals(List.of("return new int[0];"), PatternFixture.apply(pattern, """
                class Demo {
                    int[] values() {
                        return null; // <-
                    }
                }
                """).changedCode());
        var optional = PatternFixture.apply(pattern, """
                import java.util.Optional;
                class Demo {
                    Optional<String> find() {
                        return null; // <-
                    }
                }
                """);
        assertEquals(List.of("return java.util.Optional.empty();"), optional.changedCode());
        assertTrue(optional.allParse());
    }
}
