package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivisionGuardTest {

    private final DivisionGuard pattern = new DivisionGuard();

    @Test
    void guardsAnAverageOfAnEmptyArrayWithTheMethodsDefault() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int average(int[] amounts) {
                        int sum = 0;
                        for (int a : amounts) {
                            sum += a;
                        }
                        return sum / amounts.length; // <-
                    }
                }
                """);
        assertEquals(List.of("if (amounts.length == 0) return 0;",
                "return (amounts.length == 0 ? 0 : sum / amounts.length);"), f.changedCode());
        assertEquals(1.0, f.mutations.getFirst().weight());
        assertTrue(f.allParse());
    }

    @Test
    void aDeclarationGetsAGuardBeforeItAndALoopBodyMayAlsoSkipTheIteration() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void rates(long[] totals, java.util.List<String> names) {
                        for (long t : totals) {
                            long share = t % names.size(); // <-
                            System.out.println(share);
                        }
                    }
                }
                """);
        assertEquals(List.of("if (names.size() == 0) return;", "if (names.size() == 0) continue;",
                "long share = (names.size() == 0 ? 0 : t % names.size());"), f.changedCode());
        assertTrue(f.allParse());
    }

    @Test
    void aCompoundDivisionIsGuardedBeforeTheStatement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int scale(int x, int k) {
                        x /= k; // <-
                        return x;
                    }
                }
                """);
        assertEquals(List.of("if (k == 0) return 0;"), f.changedCode());
    }

    @Test
    void floatingDivisionsLiteralDivisorsAndDivisorsWithEffectsAreLeftAlone() {
        for (String line : List.of("double r = x / y; // <-", "int r = n / 2; // <-", "int r = n / next(); // <-",
                "int r = n / counts[i++]; // <-", "int r = n / (k = 3); // <-")) {
            assertEquals(List.of(), PatternFixture.apply(pattern, """
                    class Demo {
                        int next() { return 1; }
                        void run(double x, double y, int n, int[] counts, int i, int k) {
                            %s
                            System.out.println(r);
                        }
                    }
                    """.formatted(line)).changedCode(), line);
        }
    }

    @Test
    void outsideAMethodOnlyTheExpressionIsGuarded() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int per;
                    Demo(int total, int parts) {
                        per = total / parts; // <-
                    }
                }
                """);
        assertEquals(List.of("per = (parts == 0 ? 0 : total / parts);"), f.changedCode());
    }
}
