package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwappedOperandsTest {

    private final SwappedOperands pattern = new SwappedOperands();

    @Test
    void subtractionInAComparatorLambda() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    record Score(int points) {
                    }
                    void sort(java.util.List<Score> scores) {
                        scores.sort((a, b) -> a.points() - b.points()); // <-
                    }
                }
                """);
        assertEquals(List.of("scores.sort((a, b) -> b.points() - a.points());"), f.changedCode());
        assertEquals(List.of("swap operands of -: b.points() - a.points()"), f.descriptions());
    }

    @Test
    void concatenationDivisionAndALeftAssociativeChain() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String f(String result, int a, int b, int c) {
                        return result + (a - b - c) / 2; // <-
                    }
                }
                """);
        assertEquals(List.of(
                "return (a - b - c) / 2 + result;",
                "return result + 2 / (a - b - c);",
                "return result + (c - (a - b)) / 2;",
                "return result + (b - a - c) / 2;"), f.changedCode());
        assertEquals(List.of(0.9, 0.8, 1.0, 1.0), f.mutations.stream().map(m -> m.weight()).toList());
        assertTrue(f.allParse());
    }

    @Test
    void commutativeOperatorsAndNumericPlusAreLeftAlone() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int f(int a, int b) {
                        return a * b + a; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
