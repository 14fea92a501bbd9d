package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConditionNegationTest {

    private final ConditionNegation pattern = new ConditionNegation();

    @Test
    void ifConditionIsNegated() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int abs(int x) {
                        if (x > 0) { // <-
                            return -x;
                        }
                        return x;
                    }
                }
                """);
        assertEquals(List.of("if (!(x > 0)) {"), f.changedCode());
        assertEquals(List.of("negate condition x > 0 to !(x > 0)"), f.descriptions());
    }

    @Test
    void existingNegationIsRemoved() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void run(java.util.List<String> xs) {
                        if (!xs.isEmpty()) xs.clear(); // <-
                    }
                }
                """);
        assertEquals(List.of("if (xs.isEmpty()) xs.clear();"), f.changedCode());
    }

    @Test
    void ternaryAndLoopConditionsWeighLess() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int run(boolean ok, int n) {
                        while (n > 0) n--; // <-
                        return ok ? n : -n;
                    }
                }
                """);
        assertEquals(List.of("while (!(n > 0)) n--;"), f.changedCode());
        assertEquals(0.4, f.mutations.getFirst().weight());
        var t = PatternFixture.apply(pattern, """
                class Demo {
                    int run(boolean ok, int n) {
                        return ok ? n : -n; // <-
                    }
                }
                """);
        assertEquals(List.of("return !ok ? n : -n;"), t.changedCode());
    }
}
