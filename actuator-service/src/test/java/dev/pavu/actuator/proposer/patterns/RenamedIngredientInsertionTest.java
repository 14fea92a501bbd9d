package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenamedIngredientInsertionTest {

    private final RenamedIngredientInsertion pattern = new RenamedIngredientInsertion();

    @Test
    void insertsACollectionUpdateRenamedToTheLoopVariableAtTheEndOfTheLoopBody() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static java.util.List<Integer> evens(int[] xs) {
                        java.util.List<Integer> out = new java.util.ArrayList<>();
                        int first = xs[0];
                        out.add(first);
                        for (int x : xs) { // <-
                            int y = x * 2;
                        }
                        return out;
                    }
                }
                """);
        // out.add(first) comes from the same method; inside the loop first → x (an int in scope, a local like first)
        assertEquals("out.add(first);", f.changedCode().stream().filter(c -> c.startsWith("out.add(first)")).findFirst()
                .orElseThrow(), "the unrenamed ingredient is proposed too");
        assertTrue(f.changedCode().contains("int y = x * 2; out.add(x);")
                        || f.changedCode().contains("out.add(x);"),
                () -> "expected out.add(x) in the loop: " + f.changedCode());
        assertTrue(f.descriptions().stream().anyMatch(d -> d.equals("insert out.add(x); at the end of the loop body (from evens, first→x)")),
                () -> String.join("\n", f.descriptions()));
        assertTrue(f.allParse());
    }

    @Test
    void exactDiffOfACounterStepRenamedAfterTheTarget() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int count(String s) {
                        int vowels = 0;
                        int others = 0;
                        for (int i = 0; i < s.length(); i++) {
                            if ("aeiou".indexOf(s.charAt(i)) >= 0) {
                                vowels++;
                            } else {
                                char c = s.charAt(i); // <-
                            }
                        }
                        return vowels + others;
                    }
                }
                """);
        // vowels++ is the ingredient; renamed to others (int, a local) it is the missing counter step
        List<String> code = f.changedCode();
        assertTrue(code.contains("char c = s.charAt(i); others++;") || code.contains("others++;"), code::toString);
        int others = indexOf(f, "insert others++; after (from count, vowels→others)");
        int vowels = indexOf(f, "insert vowels++; after (from count)");
        assertTrue(others >= 0 && vowels >= 0, () -> String.join("\n", f.descriptions()));
        // exact diff: a new line after the target, indented like it
        String mutated = dev.pavu.actuator.proposer.SourceFile.of("Demo.java", f.source).apply(f.mutations.get(others).edits());
        assertTrue(mutated.contains("                char c = s.charAt(i); // <-\n                others++;\n"), mutated);
        // an int index is not a counter's type mismatch: i is int too, but renaming two distinct variables to one never happens
        assertFalse(f.descriptions().stream().anyMatch(d -> d.contains("→c")), "char is not an int-compatible binding by name");
        assertTrue(f.mutations.size() <= RenamedIngredientInsertion.Limits.DEFAULTS.perLocation());
    }

    @Test
    void anIngredientOfAnotherMethodNeedsARenamingToBeNew() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private final java.util.List<String> items = new java.util.ArrayList<>();

                    void add(String item) {
                        items.add(item);
                    }

                    void addAll(String[] more) {
                        for (String m : more) {
                            System.out.println(m); // <-
                        }
                    }
                }
                """);
        // items.add(item) needs item: not in scope here; m is a String → items.add(m)
        assertTrue(f.descriptions().contains("insert items.add(m); after (from add, item→m)"), () -> String.join("\n", f.descriptions()));
        assertTrue(f.changedCode().contains("items.add(m);"));
        assertTrue(f.allParse());
    }

    @Test
    void aStaticTargetTakesNoInstanceIngredient() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    private int calls;

                    void count(int n) {
                        calls += n;
                    }

                    static int next(int x) {
                        x = x + 1; // <-
                        return x;
                    }
                }
                """);
        assertTrue(f.descriptions().stream().noneMatch(d -> d.contains("calls")), () -> String.join("\n", f.descriptions()));
    }

    @Test
    void contextSimilarityIsAJaccardIndexAndTheTypeRuleIsStrictOutsideNumericSlots() {
        assertEquals(0.5, InsertionContext.jaccard(java.util.Set.of("a", "b"), java.util.Set.of("b", "a", "c", "d")), 1e-9);
        assertTrue(new Renamings.Need("int", true, false).acceptedBy("long"));
        assertTrue(new Renamings.Need("int", true, false).acceptedBy("double"));
        assertFalse(new Renamings.Need("int", false, false).acceptedBy("long"), "an argument or plain assignment keeps its type");
        assertFalse(new Renamings.Need("int", true, false).acceptedBy("Integer"));
        assertFalse(new Renamings.Need("String", true, false).acceptedBy("int"));
        assertTrue(new Renamings.Need("List<String>", false, false).acceptedBy("List<String>"));
        assertFalse(new Renamings.Need("List<String>", false, false).acceptedBy("List<Integer>"));
    }

    private static int indexOf(PatternFixture f, String description) {
        return f.descriptions().indexOf(description);
    }
}
