package dev.pavu.actuator.proposer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordinatedEditsTest {

    private static final String INTERSECTION = """
            class Demo {
                static int overlap(int[] a, int[] b) {
                    int l = Math.min(a[0], b[0]);
                    int r = Math.max(a[1], b[1]);
                    return r - l;
                }
            }
            """;

    @Test
    void mirroredEditsOfTwoAdjacentLinesBecomeOneCandidate() {
        SourceFile file = SourceFile.of("src/main/java/demo/Demo.java", INTERSECTION);
        List<Mutant> mutants = TemplateProposer.withDefaults().propose(file,
                List.of(new SuspiciousLine(3, 1.0, 0), new SuspiciousLine(4, 0.9, 1))).mutants();
        List<Mutant> pairs = mutants.stream().filter(m -> m.pattern().equals(CoordinatedEdits.NAME)).toList();
        String fixed = INTERSECTION.replace("Math.min(a[0]", "Math.§(a[0]").replace("Math.max(a[1]", "Math.min(a[1]")
                .replace("§", "max");
        Mutant pair = pairs.stream().filter(m -> m.mutatedText().equals(fixed)).findFirst()
                .orElseThrow(() -> new AssertionError("no pair swaps min and max: " + pairs.stream().map(Mutant::description).toList()));
        assertEquals("Demo.java:3 call max(...) instead of min(...) and, at line 4, call min(...) instead of max(...)",
                pair.description());
        assertEquals(3, pair.line());
        assertTrue(pairs.size() <= CoordinatedEdits.MAX_PAIRS);
    }

    @Test
    void aRepeatedEditPairsAndUnrelatedOrFarEditsDoNot() {
        String source = """
                class Demo {
                    static int f(int x, int y) {
                        int a = x + 1;
                        int b = y + 1;
                        int c = a * b;
                        int d = 0;
                        int e = 0;
                        int g = 0;
                        int h = c + 1;
                        return h;
                    }
                }
                """;
        Mutant plusToMinusAt3 = mutant(source, 3, "arithmetic-operator-replacement", "+", "-", 0.8, 0);
        Mutant plusToMinusAt4 = mutant(source, 4, "arithmetic-operator-replacement", "+", "-", 0.6, 1);
        Mutant timesToPlusAt5 = mutant(source, 5, "arithmetic-operator-replacement", "*", "+", 0.9, 2);
        Mutant plusToMinusAt9 = mutant(source, 9, "arithmetic-operator-replacement", "+", "-", 0.9, 3);
        List<Mutant> pairs = CoordinatedEdits.of(List.of(plusToMinusAt3, plusToMinusAt4, timesToPlusAt5, plusToMinusAt9));
        assertEquals(1, pairs.size(), pairs.stream().map(Mutant::description).toList().toString());
        assertEquals(CoordinatedEdits.PAIR_FACTOR * 0.6, pairs.getFirst().priority(), 1e-9);
        assertTrue(pairs.getFirst().mutatedText().contains("int a = x - 1;\n        int b = y - 1;"), pairs.getFirst().mutatedText());
    }

    @Test
    void twoConstantsPairOnlyOnLinesWrittenAlike() {
        String source = """
                class Demo {
                    static int f(int[] a) {
                        int lo = a[0];
                        int hi = a[1];
                        if (lo > 0) return hi;
                        return 0;
                    }
                }
                """;
        Mutant loTo1 = mutant(source, 3, "constant-replacement", "0", "1", 0.8, 0);
        Mutant hiTo0 = mutant(source, 4, "constant-replacement", "1", "0", 0.8, 1);
        Mutant ifTo1 = mutant(source, 5, "constant-replacement", "0", "1", 0.8, 2);
        List<String> pairs = CoordinatedEdits.of(List.of(loTo1, hiTo0, ifTo1)).stream().map(Mutant::description).toList();
        assertEquals(List.of("Demo.java:3 replace 0 with 1 and, at line 4, replace 1 with 0"), pairs);
        assertEquals(1.0, CoordinatedEdits.similarity("int lo = a[0];", "int hi = a[1];"), 1e-9);
        assertTrue(CoordinatedEdits.similarity("int lo = a[0];", "if (lo > 0) return hi;") < CoordinatedEdits.SAME_SHAPE);
    }

    /** A single-edit mutant replacing the first {@code from} on {@code line} by {@code to}, in one member of the file. */
    private static Mutant mutant(String source, int line, String pattern, String from, String to, double priority, int rank) {
        return new Mutant(SourceFile.of("src/main/java/demo/Demo.java", source), line, pattern,
                "Demo.java:" + line + " replace " + from + " with " + to, priority, rank, List.of(edit(source, line, from, to)), 20,
                source.length() - 3);
    }

    private static TextEdit edit(String source, int line, String from, String to) {
        int start = 0;
        for (int i = 1; i < line; i++) {
            start = source.indexOf('\n', start) + 1;
        }
        int at = source.indexOf(from, start);
        return new TextEdit(at, at + from.length(), to);
    }
}
