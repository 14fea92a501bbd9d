package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSwapTest {

    private final StatementSwap pattern = new StatementSwap();

    @Test
    void swapsWithTheNextThenThePreviousStatement() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int n;
                    int[] a = new int[8];
                    void push(int x) {
                        check();
                        n++; // <-
                        a[n] = x;
                    }
                    void check() {
                    }
                }
                """);
        assertEquals(List.of("a[n] = x; n++;", "n++; check();"), f.changedCode());
        assertEquals(List.of(1.0, 0.7), f.mutations.stream().map(m -> m.weight()).toList());
        assertTrue(f.allParse());
    }

    @Test
    void neitherJumpsNorADeclarationPastItsUse() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int f(int x) {
                        int y = x * 2; // <-
                        x++;
                        return y + x;
                    }
                }
                """);
        // y's declaration may pass x++ (it does not use y); the return is never moved
        assertEquals(List.of("x++; int y = x * 2;"), f.changedCode());
        var g = PatternFixture.apply(pattern, """
                class Demo {
                    int f(int x) {
                        int y = x * 2; // <-
                        return y;
                    }
                }
                """);
        assertEquals(List.of(), g.changedCode());
    }
}
