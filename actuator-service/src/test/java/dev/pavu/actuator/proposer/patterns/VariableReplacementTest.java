package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariableReplacementTest {

    private final VariableReplacement pattern = new VariableReplacement();

    @Test
    void replacesByLocalsParametersAndFieldsOfTheSameType() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int limit;
                    private String name;
                    int pick(int a, int b, String s) {
                        int c = a * 2;
                        long big = 3;
                        return a; // <-
                    }
                }
                """);
        assertEquals(List.of("return c;", "return b;", "return limit;"), f.changedCode());
        assertEquals(List.of("replace variable a with c", "replace variable a with b", "replace variable a with limit"),
                f.descriptions());
        double third = 1 / Math.sqrt(3);
        assertEquals(List.of(third, third, 0.8 * third), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void onlyVariablesDeclaredBeforeTheStatementAreInScope() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int pick(int a) {
                        int before = 1;
                        int x = a; // <-
                        int after = 2;
                        return x + after + before;
                    }
                }
                """);
        assertEquals(List.of("int x = before;"), f.changedCode());
    }

    @Test
    void staticMethodsDoNotSeeInstanceFields() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int count;
                    private static int total;
                    static int pick(int a) {
                        return a; // <-
                    }
                }
                """);
        assertEquals(List.of("return total;"), f.changedCode());
    }

    @Test
    void doesNotMakeBothOperandsTheSameAndHandlesThisFields() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int lo;
                    private int hi;
                    boolean ok(int x) {
                        return x < this.hi; // <-
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertTrue(code.contains("return x < this.lo;"), code.toString());
        assertTrue(code.contains("return lo < this.hi;"), code.toString());
        assertFalse(code.contains("return hi < this.hi;"), code.toString());
        assertFalse(code.contains("return x < this.x;"), code.toString());
    }

    @Test
    void loopVariableIsInScopeInTheHeaderAndBody() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int sum(int[] a, int[] b) {
                        int s = 0;
                        for (int i = 0; i < a.length; i++) {
                            s += b[i]; // <-
                        }
                        return s;
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertTrue(code.contains("s += a[i];"), code.toString());
        assertTrue(code.contains("i += b[i];"), code.toString());
        assertTrue(code.contains("s += b[s];"), code.toString());
    }

    @Test
    void repeatedUsesAreToldApart() {
        var f = PatternFixture.apply(pattern, """
                record Rectangle(double width, double height) {
                    double area() {
                        return width * width; // <-
                    }
                }
                """);
        assertEquals(List.of("return height * width;", "return width * height;"), f.changedCode());
        assertEquals(List.of("replace variable width with height (use 1 of 2)", "replace variable width with height (use 2 of 2)"),
                f.descriptions());
    }
}
