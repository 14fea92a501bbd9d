package dev.pavu.verifier.gate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Telling a candidate's new lint problems from the baseline's, without line numbers; the gate's detail line. */
class NewProblemsTest {

    private static final String BRACES = "'if' construct must use '{}'s.";

    private static LintProblem p(String file, int line, String rule, String message) {
        return new LintProblem(file, line, 9, rule, message);
    }

    @Test
    void problemsMovedToOtherLinesStayOldAndOnlyTheAddedOneIsNew() {
        List<LintProblem> base = List.of(p("A.java", 3, "UnusedImports", "Unused import - java.util.Map."), p("A.java", 12, "NeedBraces", BRACES));
        List<LintProblem> cand = List.of(p("A.java", 5, "UnusedImports", "Unused import - java.util.Map."), p("A.java", 14, "NeedBraces", BRACES),
                p("B.java", 7, "NeedBraces", BRACES));

        NewProblems split = NewProblems.of(cand, base);

        assertEquals(List.of(p("B.java", 7, "NeedBraces", BRACES)), split.fresh());
        assertEquals(2, split.known());
    }

    @Test
    void aSecondIdenticalProblemInTheSameFileIsNewAndAFixedOneIsNotCounted() {
        List<LintProblem> base = List.of(p("A.java", 12, "NeedBraces", BRACES), p("A.java", 20, "EmptyCatchBlock", "Empty catch block."));
        List<LintProblem> cand = List.of(p("A.java", 12, "NeedBraces", BRACES), p("A.java", 30, "NeedBraces", BRACES));

        NewProblems split = NewProblems.of(cand, base);

        assertEquals(List.of(p("A.java", 30, "NeedBraces", BRACES)), split.fresh());
        assertEquals(1, split.known());
    }

    @Test
    void fileRuleAndMessageAllTakePartInTheMatchButLineReferencesInsideMessagesDoNot() {
        List<LintProblem> base = List.of(new LintProblem("calc.py", 4, 0, "", "error: Name \"f\" already defined on line 2  [no-redef]"),
                p("A.java", 3, "UnusedImports", "Unused import - java.util.Map."));
        List<LintProblem> cand = List.of(new LintProblem("calc.py", 6, 0, "", "error: Name \"f\" already defined on line 4  [no-redef]"),
                p("A.java", 3, "UnusedImports", "Unused import - java.util.List."),
                p("B.java", 3, "UnusedImports", "Unused import - java.util.Map."),
                p("A.java", 3, "RedundantImport", "Unused import - java.util.Map."));

        NewProblems split = NewProblems.of(cand, base);

        assertEquals(3, split.fresh().size(), split.fresh().toString());
        assertEquals(1, split.known());
    }

    @Test
    void theDetailNamesFileLineRuleAndMessageAndCountsTheIgnoredOnes() {
        List<LintProblem> base = List.of(p("A.java", 3, "UnusedImports", "Unused import - java.util.Map."), p("A.java", 12, "NeedBraces", BRACES),
                p("A.java", 20, "EmptyStatement", "Empty statement."));
        List<LintProblem> cand = List.of(p("A.java", 5, "UnusedImports", "Unused import - java.util.Map."), p("A.java", 14, "NeedBraces", BRACES),
                p("A.java", 22, "EmptyStatement", "Empty statement."), new LintProblem("src/main/java/demo/Foo.java", 12, 0, "NeedBraces", BRACES));

        assertEquals("checkstyle: 1 new problem: src/main/java/demo/Foo.java:12: NeedBraces: " + BRACES + " (3 already in the baseline, ignored)",
                LintGate.judge("checkstyle", cand, new LintBaselines.Baseline(base, null)));
        assertEquals("checkstyle: no new problems (3 already in the baseline, ignored)",
                LintGate.judge("checkstyle", cand.subList(0, 3), new LintBaselines.Baseline(base, null)));
        assertEquals("checkstyle: 4 new problems: A.java:5:9: UnusedImports: Unused import - java.util.Map.; A.java:14:9: NeedBraces: " + BRACES
                        + "; A.java:22:9: EmptyStatement: Empty statement.; …",
                LintGate.judge("checkstyle", cand, new LintBaselines.Baseline(List.of(), null)));
        assertEquals("mypy: 2 problems: A.java:5:9: UnusedImports: Unused import - java.util.Map.; A.java:14:9: NeedBraces: " + BRACES
                        + " (the baseline could not be linted, so all count: TIMEOUT timed out)",
                LintGate.judge("mypy", cand.subList(0, 2), new LintBaselines.Baseline(List.of(), "TIMEOUT timed out")));
    }

    @Test
    void textOutputOfRuffAndMypyBecomesProblemsAndMypyNotesAreLeftOut() {
        Path root = Path.of("/work/p");
        String out = """
                /work/p/calc.py:9: error: Incompatible return value type (got "float", expected "int")  [return-value]
                calc.py:9: note: See https://mypy.readthedocs.io/en/stable/_refs.html#code-return-value
                ./app.py:1:8: F401 [*] `os` imported but unused
                Found 2 errors in 2 files (checked 4 source files)
                """;

        List<LintProblem> found = LintGate.problems(out, root);

        assertEquals(List.of(new LintProblem("calc.py", 9, 0, "", "error: Incompatible return value type (got \"float\", expected \"int\")  [return-value]"),
                new LintProblem("app.py", 1, 8, "", "F401 [*] `os` imported but unused")), found);
        assertEquals("app.py:1:8: F401 [*] `os` imported but unused", found.get(1).toString());
    }
}
