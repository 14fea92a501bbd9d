package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpressionVariableReplacementTest {

    private final ExpressionVariableReplacement pattern = new ExpressionVariableReplacement();

    @Test
    void aReturnedLiteralBecomesAVariableThatWidensToTheReturnType() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static long fib(int n) {
                        if (n <= 1) {
                            return 1; // <-
                        }
                        return fib(n - 1) + fib(n - 2);
                    }
                }
                """);
        assertEquals(List.of("return n;"), f.changedCode());
        assertEquals(List.of("replace return value 1 with variable n"), f.descriptions());
        assertEquals(List.of(1.0), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void anArgumentThatIsNoPlainVariableBecomesOneOfItsType() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String cut(String s, int from, int to) {
                        String head = s.substring(0, from);
                        return s.substring(from + 1, to); // <-
                    }
                }
                """);
        // from + 1 reads from already (an off-by-one, not a wrong variable); String s is no int
        assertEquals(List.of("return head;", "return s;", "return s.substring(to, to);"), f.changedCode());
    }

    @Test
    void plainVariablesAreLeftToVariableReplacement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int pick(int a, int b) {
                        return a; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
