package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spectrum-based evidence on known coverage matrices: scores against hand-computed Ochiai values, guard
 * lifting (from bare jumps only), the failing-test rules (TIMEOUT naming a class), the combination with stack traces, and the
 * bench program {@code bubble-sort} whose failing tests reach the code through a varargs helper.
 */
class SpectrumEvidenceTest {

    static final String CALC_FILE = "src/main/java/demo/Calc.java";
    static final String CALC = """
            package demo;

            public class Calc {
                public static int abs(int x) {
                    if (x < 0) { // IF-NEG
                        return x; // BUG
                    }
                    return x; // RET-POS
                }

                public static int sign(int x) {
                    if (x == 0) { // IF-ZERO
                        return 0; // RET-ZERO
                    }
                    return abs(x) / x; // RET-SIGN
                }
            }
            """;
    static final int IF_NEG = Sources.lineOf(CALC, "IF-NEG");
    static final int BUG = Sources.lineOf(CALC, "BUG");
    static final int RET_POS = Sources.lineOf(CALC, "RET-POS");
    static final int IF_ZERO = Sources.lineOf(CALC, "IF-ZERO");
    static final int RET_ZERO = Sources.lineOf(CALC, "RET-ZERO");
    static final int RET_SIGN = Sources.lineOf(CALC, "RET-SIGN");
    /** The method's closing brace: JaCoCo reports no line there for a method ending in return, so use one with code. */
    static final int CLASS_END = CALC.split("\n").length;

    static TestCoverage test(String method, boolean passed, Integer... lines) {
        return new TestCoverage("demo.CalcTest#" + method, passed, Map.of(CALC_FILE, List.of(lines)));
    }

    /** F = 2 (absNegative, signNegative), P = 3. */
    static List<TestCoverage> calcMatrix() {
        return List.of(
                test("absPositive", true, IF_NEG, RET_POS),
                test("absNegative", false, IF_NEG, BUG),
                test("signZero", true, IF_ZERO, RET_ZERO),
                test("signNegative", false, IF_ZERO, RET_SIGN, IF_NEG, BUG, CLASS_END),
                test("signPositive", true, IF_ZERO, RET_SIGN, IF_NEG, RET_POS));
    }

    static Map<Integer, ScoredLine> byLine(List<ScoredLine> lines) {
        return lines.stream().collect(Collectors.toMap(ScoredLine::line, Function.identity()));
    }

    @Test
    void ochiaiOnAKnownMatrix() {
        ProjectIndex index = ProjectIndex.of(Map.of(CALC_FILE, CALC));
        List<ScoredLine> lines = new SpectrumEvidence(SpectrumFormula.OCHIAI)
                .collect(new LocalisationInput(List.of(), null, calcMatrix(), 2), index);
        Map<Integer, ScoredLine> s = byLine(lines);
        // BUG: ef=2 ep=0 nf=0 np=3 → 2/sqrt(2·2) = 1; a return: weight 1
        assertEquals(1.0, s.get(BUG).score(), 1e-9);
        // RET-SIGN: ef=1 ep=1 nf=1 np=2 → 1/sqrt(2·2) = 0.5
        assertEquals(0.5, s.get(RET_SIGN).score(), 1e-9);
        // IF-ZERO: ef=1 ep=2 → 1/sqrt(2·3); what it guards (RET-ZERO) no failing test executes
        assertEquals(1 / Math.sqrt(6), s.get(IF_ZERO).score(), 1e-9);
        // IF-NEG: ef=2 ep=2 → 2/sqrt(2·4); the return it guards holds an expression: no lifting
        assertEquals(1 / Math.sqrt(2), s.get(IF_NEG).score(), 1e-9);
        assertFalse(s.containsKey(RET_POS), "no failing test executes it: score 0, left out");
        assertFalse(s.containsKey(RET_ZERO));
        assertFalse(s.containsKey(CLASS_END), "a line outside any statement is dropped");
        assertEquals("ochiai", s.get(BUG).evidence());
        assertEquals("demo.Calc", s.get(BUG).className());
        assertEquals("abs", s.get(BUG).methodName());

        List<SuspiciousLocation> ranked = FaultLocaliser.standard().localise(index,
                new LocalisationInput(List.of(), null, calcMatrix(), 2), 10);
        assertEquals(List.of(BUG, IF_NEG, RET_SIGN, IF_ZERO), ranked.stream().map(SuspiciousLocation::line).toList());
    }

    @Test
    void aFailureTheVerdictListsCountsAsFailingAndATimedOutClassImplicatesItsTests() {
        ProjectIndex index = ProjectIndex.of(Map.of(CALC_FILE, CALC));
        // every entry says passed (e.g. the coverage of a run whose verdict knows better)
        List<TestCoverage> allPassed = calcMatrix().stream()
                .map(t -> new TestCoverage(t.testId(), true, t.linesByFile())).toList();
        TestFailure named = new TestFailure("demo.CalcTest#absNegative", "demo.CalcTest", "absNegative", "failure", "x", null);
        var failing = SpectrumEvidence.failing(allPassed, List.of(named));
        assertEquals("{1}", failing.toString());

        // TIMEOUT: only the class is named; none of its entries failed → all of them count as failing
        TestFailure killed = new TestFailure("demo.CalcTest", "demo.CalcTest", null, "error", "did not finish", null);
        assertEquals(5, SpectrumEvidence.failing(allPassed, List.of(killed)).cardinality());
        // … unless an entry of that class already failed (the listener marks the killed test itself)
        assertEquals("{1, 3}", SpectrumEvidence.failing(calcMatrix(), List.of(killed)).toString());
        // parameterised suffixes in the verdict's method name
        TestFailure param = new TestFailure("demo.CalcTest#signZero(int)[2]", "demo.CalcTest", "signZero(int)[2]", "failure", "x", null);
        assertEquals("{2}", SpectrumEvidence.failing(allPassed, List.of(param)).toString());

        assertTrue(new SpectrumEvidence(SpectrumFormula.OCHIAI)
                .collect(new LocalisationInput(List.of(), null, allPassed, 2), index).isEmpty(), "no failing test: nothing");
        assertTrue(new SpectrumEvidence(SpectrumFormula.OCHIAI)
                .collect(new LocalisationInput(List.of(), null, List.of(), 2), index).isEmpty(), "no coverage: nothing");
    }

    @Test
    void aStackFrameInMainCodeLiftsItsStatementAboveEquallySuspiciousOnes() {
        ProjectIndex index = ProjectIndex.of(Map.of(CALC_FILE, CALC));
        TestFailure thrown = new TestFailure("demo.CalcTest#signNegative", "demo.CalcTest", "signNegative", "error",
                "java.lang.ArithmeticException: / by zero",
                "java.lang.ArithmeticException: / by zero\n\tat demo.Calc.sign(Calc.java:" + RET_SIGN + ")\n"
                        + "\tat demo.CalcTest.signNegative(CalcTest.java:20)\n");
        List<SuspiciousLocation> ranked = FaultLocaliser.standard().localise(index,
                new LocalisationInput(List.of(thrown), null, calcMatrix(), 2), 10);
        SuspiciousLocation top = ranked.getFirst();
        assertEquals(RET_SIGN, top.line());
        assertEquals("stack-trace+ochiai", top.evidence(), "the stack frame's 1.0 is the best, Ochiai agrees");
        assertEquals(1.0, top.score(), 1e-9);
        assertEquals(List.of(BUG, IF_NEG), ranked.subList(1, 3).stream().map(SuspiciousLocation::line).toList(),
                "the 1.0 of Ochiai ties with the frame's line, the stack trace breaks it");
        assertEquals("ochiai", ranked.get(1).evidence());
        assertEquals(1.0, ranked.get(1).score(), 1e-9);
        // IF-ZERO: stack trace 0.5 (before the frame), Ochiai 0.408 → 0.5 + 0.05 agreement
        SuspiciousLocation ifZero = ranked.stream().filter(l -> l.line() == IF_ZERO).findFirst().orElseThrow();
        assertEquals(0.55, ifZero.score(), 1e-4);
        assertEquals("stack-trace+ochiai", ifZero.evidence());
    }

    // ---- bench/bugs/bubble-sort ----

    static final String BS = "src/main/java/dev/pavu/bench/bubblesort/BubbleSort.java";
    static final String BS_TEST = "src/test/java/dev/pavu/bench/bubblesort/BubbleSortTest.java";
    static final String BS_CLS = "dev.pavu.bench.bubblesort.BubbleSortTest";

    /**
     * The per-test coverage the verifier measured on the program ({@code CoverageRunTest} in verifier-service
     * asserts exactly these lines from a real JaCoCo run).
     */
    static List<TestCoverage> bubbleSortCoverage() {
        List<Integer> swapping = List.of(10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 24);
        return List.of(
                new TestCoverage(BS_CLS + "#emptyArray", true, Map.of(BS, List.of(10, 24))),
                new TestCoverage(BS_CLS + "#alreadySorted", true, Map.of(BS, List.of(10, 11, 12, 13, 20, 24))),
                new TestCoverage(BS_CLS + "#oneSwapAway", true, Map.of(BS, swapping)),
                new TestCoverage(BS_CLS + "#reversed", false, Map.of(BS, swapping)),
                new TestCoverage(BS_CLS + "#mixedWithDuplicates", false, Map.of(BS, swapping)));
    }

    static List<TestFailure> bubbleSortFailures() {
        String trace = "org.opentest4j.AssertionFailedError: array contents differ at index [0], expected: <1> but was: <3>\n"
                + "\tat org.junit.jupiter.api.AssertArrayEquals.failArraysNotEqual(AssertArrayEquals.java:440)\n"
                + "\tat org.junit.jupiter.api.Assertions.assertArrayEquals(Assertions.java:1330)\n";
        return List.of(
                new TestFailure(BS_CLS + "#reversed", BS_CLS, "reversed", "failure", "array contents differ",
                        trace + "\tat " + BS_CLS + ".reversed(BubbleSortTest.java:31)\n"),
                new TestFailure(BS_CLS + "#mixedWithDuplicates", BS_CLS, "mixedWithDuplicates", "failure", "array contents differ",
                        trace + "\tat " + BS_CLS + ".mixedWithDuplicates(BubbleSortTest.java:36)\n"));
    }

    static ProjectIndex bubbleSortIndex() throws IOException {
        Path dir = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && dir == null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("bench/bugs/bubble-sort"))) {
                dir = d.resolve("bench/bugs/bubble-sort");
            }
        }
        assertTrue(dir != null, "bench/bugs/bubble-sort is part of the repository");
        return ProjectIndex.of(Map.of(BS, Files.readString(dir.resolve(BS)), BS_TEST, Files.readString(dir.resolve(BS_TEST))));
    }

    @Test
    void bubbleSortIsLocalisedOnlyWithCoverage() throws IOException {
        ProjectIndex index = bubbleSortIndex();
        // the known gap: stack traces end in the test, the call graph does not follow the varargs helper
        assertTrue(FaultLocaliser.standard().localise(index,
                new LocalisationInput(bubbleSortFailures(), null, List.of(), 2), 40).isEmpty());

        for (SpectrumFormula f : SpectrumFormula.values()) {
            List<SuspiciousLocation> ranked = FaultLocaliser.standard(f).localise(index,
                    new LocalisationInput(bubbleSortFailures(), null, bubbleSortCoverage(), 2), 40);
            List<Integer> order = ranked.stream().map(SuspiciousLocation::line).toList();
            // bug.json: line 20, `if (swapped)` (the negated early exit): it takes the score of the bare `break`
            // it guards (ef=2 ep=1, the swap's too) and outranks it by its statement weight
            assertEquals(20, order.getFirst(), f + ": " + ranked);
            assertEquals(f.id(), ranked.getFirst().evidence());
            // then the swap and the break, then the loops and the comparison the sorted input also executes
            assertEquals(List.of(14, 15, 16, 17, 21), order.subList(1, 6), f + ": " + order);
            assertEquals(List.of(12, 13, 11, 10), order.subList(6, 10), f + ": " + order);
            assertEquals(10, order.size(), "the closing brace is no statement: " + order);
        }
        List<SuspiciousLocation> ochiai = FaultLocaliser.standard().localise(index,
                new LocalisationInput(bubbleSortFailures(), null, bubbleSortCoverage(), 2), 40);
        assertEquals(Math.round(2 / Math.sqrt(6) * 10_000) / 10_000.0, ochiai.getFirst().score(), 1e-9, "Ochiai of the break, lifted");
        assertEquals(Math.round(2 / Math.sqrt(6) * 0.9 * 10_000) / 10_000.0, ochiai.get(1).score(), 1e-9, "Ochiai × 0.9");
    }
}
