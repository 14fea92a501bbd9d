package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A candidate's PASS against the tests its baseline ran. */
class BaselineTestsTest {

    private static final List<GateResult> PASSED = List.of(new GateResult("static", Verdict.PASS, 10, "compiled"),
            new GateResult("tests", Verdict.PASS, 20, "all 2 tests passed"));
    private static final BaselineTests.Baseline BASE = new BaselineTests.Baseline(3, Set.of("a.ATest#x", "a.ATest#y", "a.BTest#z"));

    private static GateOutcome pass(int run, Set<String> executed, Set<String> skipped) {
        return new GateOutcome(Verdict.PASS, "all " + run + " tests passed", PASSED, List.of(), run, 0, executed, skipped);
    }

    @Test
    void aPassThatRanEveryBaselineTestStaysAPass() {
        GateOutcome o = pass(4, Set.of("a.ATest#x", "a.ATest#y", "a.BTest#z", "a.CTest#new"), Set.of());
        assertSame(o, BaselineTests.check(o, BASE));
    }

    @Test
    void aSkippedOrVanishedBaselineTestTurnsThePassIntoAFailNamingIt() {
        GateOutcome o = pass(3, Set.of("a.ATest#x", "a.CTest#new", "a.CTest#other"), Set.of("a.ATest#y"));
        GateOutcome c = BaselineTests.check(o, BASE);
        assertEquals(Verdict.FAIL, c.verdict());
        assertEquals("tests that ran in the baseline did not run: ATest#y (skipped), BTest#z (3 of the baseline's 3 tests ran)", c.reason());
        assertEquals(List.of("static:PASS", "tests:FAIL"), c.gates().stream().map(g -> g.gate() + ":" + g.status()).toList());
        assertEquals(c.reason(), c.gates().get(1).detail());
    }

    @Test
    void withoutIdsTheCountDecides() {
        GateOutcome fewer = pass(2, null, null);
        assertEquals("fewer tests ran than in the baseline: 2 of 3 (tests must not be deleted, skipped or left out of the build)",
                BaselineTests.check(fewer, BASE).reason());
        assertEquals("no tests ran, but 3 ran in the baseline", BaselineTests.check(pass(0, null, null), BASE).reason());
        GateOutcome same = pass(3, null, null);
        assertSame(same, BaselineTests.check(same, new BaselineTests.Baseline(3, null)));
    }

    @Test
    void aFailIsLeftAsItIsAndOnlyAJudgedTestsGateMakesABaseline() {
        GateOutcome fail = new GateOutcome(Verdict.FAIL, "1 of 3 tests failed: ATest#x", List.of(new GateResult("tests", Verdict.FAIL, 5, "…")),
                List.of(), 3, 1, Set.of("a.ATest#x"), Set.of());
        assertSame(fail, BaselineTests.check(fail, BASE));
        assertEquals(Optional.of(new BaselineTests.Baseline(3, Set.of("a.ATest#x"))), BaselineTests.of(fail));
        GateOutcome compileError = new GateOutcome(Verdict.FAIL, "does not compile", List.of(new GateResult("static", Verdict.FAIL, 5, "…")),
                List.of(), 0, 0);
        assertEquals(Optional.empty(), BaselineTests.of(compileError));
        assertEquals(Optional.empty(), BaselineTests.of(GateOutcome.early(Verdict.ERROR, "unsupported build")));
    }
}
