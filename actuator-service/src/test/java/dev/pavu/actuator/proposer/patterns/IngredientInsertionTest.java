package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngredientInsertionTest {

    private final IngredientInsertion pattern = new IngredientInsertion();

    @Test
    void reusesAStatementOfAnotherMethodWhoseVariablesAreInScope() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private final java.util.List<String> items = new java.util.ArrayList<>();
                    private int version;

                    void add(String item) {
                        items.add(item);
                        version++;
                    }

                    void remove(String item) {
                        items.remove(item); // <-
                    }

                    void clear(int keep) {
                        System.out.println(keep);
                    }
                }
                """);
        // version++ reads only a field; items.add(item) uses item, a String here too;
        // println(keep) needs keep, not in scope in remove
        assertEquals(List.of("items.add(item);", "items.add(item);", "version++;", "version++;"), f.changedCode());
        assertEquals(List.of("insert items.add(item); (from add)", "insert items.add(item); before (from add)",
                "insert version++; (from add)", "insert version++; before (from add)"), f.descriptions());
        assertTrue(f.allParse());
    }

    @Test
    void aStaticMethodTakesNoInstanceState() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int calls;
                    private static int total;

                    void count() {
                        calls++;
                        total++;
                    }

                    static int next(int x) {
                        x = x + 1; // <-
                        return x;
                    }
                }
                """);
        assertEquals(List.of("total++;", "total++;"), f.changedCode());
    }
}
