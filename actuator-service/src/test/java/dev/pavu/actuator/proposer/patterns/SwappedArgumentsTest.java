package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwappedArgumentsTest {

    private final SwappedArguments pattern = new SwappedArguments();

    @Test
    void swapsArgumentsOfTheSameDeclaredType() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int clamp(int value, int lo, int hi) {
                        return Math.max(lo, Math.min(hi, value));
                    }
                    int use(int x) {
                        return clamp(0, x, 10); // <-
                    }
                }
                """);
        assertEquals(List.of("return clamp(x, 0, 10);", "return clamp(10, x, 0);", "return clamp(0, 10, x);"),
                f.changedCode());
        assertEquals("swap arguments 0 and x of clamp(...)", f.descriptions().getFirst());
        assertEquals(List.of(1.0, 0.7, 1.0), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void skipsArgumentsOfDifferentDeclaredTypes() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static String repeat(String s, int n, int gap) {
                        return s;
                    }
                    String use(String s, int k) {
                        return repeat(s, k, 1); // <-
                    }
                }
                """);
        assertEquals(List.of("return repeat(s, 1, k);"), f.changedCode());
    }

    @Test
    void unknownCalleeUsesGuessedTypes() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    String use(String s, int from, int to) {
                        return s.substring(to, from); // <-
                    }
                }
                """);
        assertEquals(List.of("return s.substring(from, to);"), f.changedCode());
    }
}
