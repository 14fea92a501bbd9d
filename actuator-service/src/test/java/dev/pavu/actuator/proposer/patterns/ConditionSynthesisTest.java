package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionSynthesisTest {

    private final ConditionSynthesis pattern = new ConditionSynthesis();

    @Test
    void aBareElseGetsAConditionOnTheIfVariableWithThePartnerBracketFirstAndTheDecidedComparisonSkipped() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int depth(String s) {
                        int depth = 0;
                        for (char c : s.toCharArray()) {
                            if (c == '(') {
                                depth += 1;
                            } else {
                                depth -= 1; // <-
                            }
                        }
                        return depth;
                    }
                }
                """);
        List<String> elses = f.changedCode().stream().filter(s -> s.startsWith("} else if")).toList();
        assertEquals(List.of("} else if (c == ')') {", "} else if (c == ' ') {", "} else if (c != ')') {"),
                elses.subList(0, 3));
        assertTrue(elses.stream().noneMatch(s -> s.contains("'('")), "the if already decided c == '(': " + elses);
        assertEquals(ConditionSynthesis.MAX_PER_SITE, elses.size());
        assertTrue(f.allParse());
    }

    @Test
    void aLoopConditionGetsAConjunctOnTheVariableItDoesNotReadFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean isPower(int x, int n) {
                        int power = 1;
                        while (power < x) { // <-
                            power *= n;
                        }
                        return power == x;
                    }
                }
                """);
        List<String> loops = f.changedCode().stream().filter(s -> s.startsWith("while")).toList();
        assertEquals(List.of("while (power < x && n != 1) {", "while (power < x && n > 1) {",
                "while (power < x && n != 0) {"), loops.subList(0, 3));
        assertTrue(loops.stream().noneMatch(s -> s.contains("||")), "a loop gets no disjunct: " + loops);
        assertTrue(f.allParse());
    }

    @Test
    void anIfConditionGetsConjunctsAndFewerLowerWeightedDisjuncts() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int count(int[] xs, int limit) {
                        int n = 0;
                        for (int i = 0; i < xs.length; i++) {
                            if (xs[i] > limit) { // <-
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
        List<String> descriptions = f.descriptions();
        long conj = descriptions.stream().filter(d -> d.startsWith("synthesise conjunct")).count();
        long disj = descriptions.stream().filter(d -> d.startsWith("synthesise disjunct")).count();
        assertEquals(ConditionSynthesis.MAX_PER_SITE, conj);
        assertEquals(ConditionSynthesis.MAX_PER_SITE / 2, disj);
        double bestConj = f.mutations.stream().filter(m -> m.description().startsWith("synthesise conjunct"))
                .mapToDouble(m -> m.weight()).max().orElseThrow();
        double bestDisj = f.mutations.stream().filter(m -> m.description().startsWith("synthesise disjunct"))
                .mapToDouble(m -> m.weight()).max().orElseThrow();
        assertTrue(bestDisj < bestConj);
        assertTrue(descriptions.contains("synthesise disjunct || limit == 0"), descriptions.toString());
        assertTrue(f.allParse());
    }

    @Test
    void aMissingGuardInALoopContinuesAndOutsideReturnsTheDefaultOfTheReturnType() {
        var inLoop = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] xs) {
                        int s = 0;
                        for (int x : xs) {
                            s += x; // <-
                        }
                        return s;
                    }
                }
                """);
        assertTrue(inLoop.changedCode().contains("if (x == 0) continue;"), inLoop.changedCode().toString());
        var outside = PatternFixture.apply(pattern, """
                class Demo {
                    boolean even(int n) {
                        int r = n % 2; // <-
                        return r == 0;
                    }
                }
                """);
        assertTrue(outside.changedCode().contains("if (n == 2) return false;"), outside.changedCode().toString());
        assertTrue(inLoop.descriptions().contains("insert guard if (x == 0) continue;"), inLoop.descriptions().toString());
        assertTrue(inLoop.allParse() && outside.allParse());
    }

    @Test
    void nothingForFieldsOrNonPrimitiveVariablesAndNoGuardInAConstructor() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int size;
                    private final String name;
                    Demo(String name) {
                        this.name = name; // <-
                    }
                }
                """);
        assertFalse(f.descriptions().stream().anyMatch(d -> d.contains("size") || d.contains("name")), f.descriptions().toString());
        assertTrue(f.mutations.isEmpty(), f.descriptions().toString());
    }

    @Test
    void guardsAndConjunctsMayQueryAStringOrACollectionInScope() {
        var unique = PatternFixture.apply(pattern, """
                import java.util.ArrayList;
                import java.util.List;
                class Demo {
                    static List<Integer> unique(List<Integer> xs) {
                        List<Integer> result = new ArrayList<>();
                        for (Integer n : xs) {
                            result.add(n); // <-
                        }
                        return result;
                    }
                }
                """);
        assertTrue(unique.changedCode().contains("if (result.contains(n)) continue;"), unique.changedCode().toString());
        assertTrue(unique.allParse());
        var filter = PatternFixture.apply(pattern, """
                import java.util.ArrayList;
                import java.util.List;
                class Demo {
                    static List<String> having(List<String> strings, String part) {
                        List<String> result = new ArrayList<>();
                        for (String s : strings) {
                            result.add(s); // <-
                        }
                        return result;
                    }
                }
                """);
        List<String> changed = filter.changedCode();
        assertTrue(changed.contains("if (!s.contains(part)) continue;"), changed.toString());
        assertTrue(changed.indexOf("if (s.contains(part)) continue;") < changed.indexOf("if (!s.contains(part)) continue;"),
                "selecting: the query before its negation " + changed);
        assertFalse(changed.stream().anyMatch(c -> c.contains("result.contains(s)") && c.contains("part.")),
                "nothing mixes unrelated queries: " + changed);
    }

    @Test
    void aMissingBaseCaseMayReturnTheParameterOrOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int fib(int n) {
                        return fib(n - 1) + fib(n - 2); // <-
                    }
                }
                """);
        List<String> changed = f.changedCode();
        assertTrue(changed.contains("if (n < 2) return n;"), changed.toString());
        assertTrue(changed.contains("if (n == 2) return 1;"), changed.toString());
        assertTrue(changed.indexOf("if (n == 1) return 0;") < changed.indexOf("if (n == 1) return n;"),
                "the default first: " + changed);
        assertTrue(f.allParse());
    }

    @Test
    void aBoxedElementIsComparedByValueAndTwoBoxesNeverByReference() {
        var f = PatternFixture.apply(pattern, """
                import java.util.ArrayList;
                import java.util.List;
                class Demo {
                    static List<Integer> positive(List<Integer> numbers, Integer limit) {
                        List<Integer> result = new ArrayList<Integer>();
                        for (Integer number : numbers) {
                            result.add(number); // <-
                        }
                        return result;
                    }
                }
                """);
        List<String> changed = f.changedCode();
        assertTrue(changed.contains("if (number < 0) continue;") || changed.contains("if (number <= 0) continue;"), changed.toString());
        assertFalse(changed.stream().anyMatch(c -> c.contains("number == limit") || c.contains("limit == number")
                || c.contains("number != limit") || c.contains("limit != number")), changed.toString());
        assertTrue(f.allParse());
    }
}
