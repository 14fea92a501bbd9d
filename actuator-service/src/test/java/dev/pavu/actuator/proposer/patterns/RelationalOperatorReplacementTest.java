package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelationalOperatorReplacementTest {

    private final RelationalOperatorReplacement pattern = new RelationalOperatorReplacement();

    @Test
    void loopBoundGetsEveryComparisonBoundaryShiftFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] a, int n) {
                        int s = 0;
                        for (int i = 0; i < n; i++) { // <-
                            s += a[i];
                        }
                        return s;
                    }
                }
                """);
        assertEquals(List.of(
                "for (int i = 0; i <= n; i++) {",
                "for (int i = 0; i != n; i++) {",
                "for (int i = 0; i > n; i++) {",
                "for (int i = 0; i >= n; i++) {",
                "for (int i = 0; i == n; i++) {"), f.changedCode());
        assertEquals("replace < with <=", f.descriptions().getFirst());
        assertEquals(1.0, f.mutations.getFirst().weight());
        assertTrue(f.allParse());
    }

    @Test
    void equalityOfObjectsOnlyFlips() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean same(String a) {
                        return a == null; // <-
                    }
                }
                """);
        assertEquals(List.of("return a != null;"), f.changedCode());
    }

    @Test
    void equalityOfNumbersAlsoGetsOrderings() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean done(int i, int n) {
                        return i == n; // <-
                    }
                }
                """);
        assertEquals(List.of("return i != n;", "return i <= n;", "return i >= n;"), f.changedCode());
    }

    @Test
    void keepsCommentsAndSpacingAroundTheOperator() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean big(int x) {
                        return x /* value */   >=   10; // <-
                    }
                }
                """);
        assertEquals("return x /* value */   >   10;", f.changedCode().getFirst());
    }

    @Test
    void nestedStatementsAreNotMutatedFromTheHeaderLine() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    void run(int x) {
                        if (x > 0) { // <-
                            if (x < 5) {
                                x++;
                            }
                        }
                    }
                }
                """);
        assertTrue(f.changedCode().stream().allMatch(c -> c.startsWith("if (x ")), f.changedCode().toString());
        assertEquals(5, f.mutations.size());
    }
}
