package dev.pavu.actuator.proposer.patterns;

import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statement insertion with renaming on small programs whose fix is a missing statement: the exact fixed source
 * must be one of the pattern's first candidates, and no ill-typed renaming is proposed.
 */
class RenamedIngredientFixesTest {

    private final RenamedIngredientInsertion pattern = new RenamedIngredientInsertion();

    @Test
    void missingSumStepIsCopiedFromTheOtherLoopWithItsVariableRenamed() {
        String buggy = """
                class Demo {
                    static int total(int[] xs, int[] ys) {
                        int sum = 0;
                        for (int i = 0; i < ys.length; i++) {
                            int y = ys[i];
                            sum += y;
                        }
                        for (int i = 0; i < xs.length; i++) {
                            int x = xs[i]; // <-
                        }
                        return sum;
                    }
                }
                """;
        String fixed = buggy.replace("int x = xs[i]; // <-\n", "int x = xs[i]; // <-\n            sum += x;\n");
        var f = PatternFixture.apply(pattern, buggy);
        assertFixAmongFirst(f, fixed, 2);
        // y → i would also be an int, but sum += i is not the fix: it may be proposed, only after the exact fix
        assertTrue(f.allParse());
    }

    @Test
    void missingCollectionUpdateInALoopIsCopiedFromAnotherLoopAndNeverIllTyped() {
        String buggy = """
                import java.util.ArrayList;
                import java.util.List;

                class Demo {
                    static List<String> keep(List<String> first, List<String> second, int limit) {
                        List<String> result = new ArrayList<>();
                        List<Integer> sizes = new ArrayList<>();
                        char mark = '*';
                        for (String s : first) {
                            result.add(s);
                            sizes.add(limit);
                        }
                        for (String item : second) { // <-
                            System.out.println(item);
                        }
                        return result;
                    }
                }
                """;
        String fixed = buggy.replace("System.out.println(item);\n",
                "System.out.println(item);\n            result.add(item);\n");
        var f = PatternFixture.apply(pattern, buggy);
        assertFixAmongFirst(f, fixed, 2);
        // List<String> is never bound to List<Integer>, an int argument never to a char or a String
        for (String d : f.descriptions()) {
            assertFalse(d.contains("result→sizes") || d.contains("sizes→result"), d);
            assertFalse(d.contains("limit→mark") || d.contains("limit→item") || d.contains("s→limit"), d);
        }
        assertTrue(f.changedCode().stream().noneMatch(c -> c.contains("sizes.add(mark)") || c.contains("result.add(limit)")),
                f.changedCode()::toString);
        assertTrue(f.allParse());
    }

    @Test
    void missingCounterStepInAWhileLoopIsAmongTheFirstTwo() {
        String buggy = """
                class Demo {
                    static int[] countSigns(int[] xs) {
                        int positives = 0;
                        int negatives = 0;
                        int i = 0;
                        while (i < xs.length) {
                            if (xs[i] > 0) {
                                positives += 1;
                            } else if (xs[i] < 0) {
                                System.out.println(xs[i]); // <-
                            }
                            i++;
                        }
                        return new int[] {positives, negatives};
                    }
                }
                """;
        String fixed = buggy.replace("System.out.println(xs[i]); // <-\n",
                "System.out.println(xs[i]); // <-\n                negatives += 1;\n");
        String alsoFixed = fixed.replace("negatives += 1;", "negatives++;");
        var f = PatternFixture.apply(pattern, buggy);
        assertFixAmongFirst(f, fixed, alsoFixed, 2);
        // no copied step writes the loop's control variable i, renamed (positives += 1 → i += 1 skips elements) or not
        // (i++ is increment-insertion's candidate)
        assertTrue(f.descriptions().stream().noneMatch(d -> d.startsWith("insert i++") || d.startsWith("insert i += ")),
                () -> String.join("\n", f.descriptions()));
        // a counter never becomes the loop index (it is the loop's own step, i++, already next to the insertion point)
        assertTrue(f.changedCode().stream().noneMatch(c -> c.endsWith("i++; i++;")), f.changedCode()::toString);
    }

    @Test
    void aCounterStepTakesAnyNumericPrimitiveButAnArgumentKeepsItsType() {
        var f = PatternFixture.apply(pattern, """
                import java.util.List;

                class Demo {
                    static long weigh(List<Integer> out, int[] xs, long total, char c) {
                        for (int x : xs) {
                            out.add(x);
                        }
                        total += 1;
                        return total; // <-
                    }
                }
                """);
        List<String> code = f.changedCode();
        assertTrue(code.stream().noneMatch(c -> c.contains("out.add(c)") || c.contains("out.add(total)")), code::toString);
    }

    @Test
    void theWholeProposerSendsTheInsertionAsACheckedCandidatePatch() {
        String buggy = """
                import java.util.ArrayList;
                import java.util.List;

                class Demo {
                    static List<String> keep(List<String> first, List<String> second) {
                        List<String> result = new ArrayList<>();
                        for (String s : first) {
                            result.add(s);
                        }
                        for (String item : second) {
                            System.out.println(item);
                        }
                        return result;
                    }
                }
                """;
        String path = "src/main/java/demo/Demo.java";
        String fixed = buggy.replace("System.out.println(item);\n", "System.out.println(item);\n            result.add(item);\n");
        var proposal = dev.pavu.actuator.proposer.TemplateProposer.withDefaults().propose(SourceFile.of(path, buggy),
                List.of(new dev.pavu.actuator.proposer.SuspiciousLine(10, 1.0, 0), new dev.pavu.actuator.proposer.SuspiciousLine(11, 0.8, 1)));
        var selection = new dev.pavu.actuator.proposer.CandidateFactory(diff -> { }).select(proposal.mutants(), 200, java.util.Set.of());
        String hash = dev.pavu.workspace.diff.UnifiedDiffs.hash(dev.pavu.workspace.diff.UnifiedDiffs.create(path, buggy, fixed));
        var candidates = selection.candidates();
        int at = -1;
        for (int k = 0; k < candidates.size() && at < 0; k++) {
            at = candidates.get(k).hash().equals(hash) ? k : -1;
        }
        int rank = at;
        // within the first 15 of a plan's 60: guards over the strings in scope and normalising assignments (wide guesses,
        // lower priors) come before it since they exist; single-token edits still come first
        assertTrue(rank >= 0 && rank < 15 && candidates.get(rank).pattern().equals(RenamedIngredientInsertion.NAME),
                () -> "the fix is candidate " + rank + " of " + candidates.size() + ": "
                        + candidates.stream().map(c -> c.pattern() + " " + c.description()).toList());
        assertEquals(candidates.size(), candidates.stream().map(c -> c.hash()).distinct().count(), "no duplicate candidates");
    }

    @Test
    void boundsOutsideOneAreRefusedNamingTheSetting() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RenamedIngredientInsertion.Limits(4, 0, 3, 16, 400));
        assertTrue(e.getMessage().contains("pavu.actuator.template.insertion.ingredients must be at least 1, was 0"),
                e.getMessage());
    }

    /** The fixed source is the result of one of the first {@code n} mutations. */
    static void assertFixAmongFirst(PatternFixture f, String fixed, int n) {
        assertFixAmongFirst(f, fixed, fixed, n);
    }

    /** One of two equivalent fixed sources is the result of one of the first {@code n} mutations. */
    static void assertFixAmongFirst(PatternFixture f, String fixed, String alsoFixed, int n) {
        SourceFile file = SourceFile.of("Demo.java", f.source);
        List<Mutation> ms = f.mutations;
        int at = -1;
        for (int k = 0; k < ms.size() && at < 0; k++) {
            String mutated = file.apply(ms.get(k).edits());
            if (mutated.equals(fixed) || mutated.equals(alsoFixed)) {
                at = k;
            }
        }
        int found = at;
        assertTrue(found >= 0 && found < n, () -> "the fix is candidate " + found + " of\n" + String.join("\n", f.descriptions()));
        assertEquals(ms.size(), ms.stream().map(m -> file.apply(m.edits())).distinct().count(), "no duplicate candidates");
    }
}
