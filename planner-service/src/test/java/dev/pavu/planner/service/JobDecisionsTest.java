package dev.pavu.planner.service;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.service.JobDecisions.Conclude;
import dev.pavu.planner.service.JobDecisions.Localise;
import dev.pavu.planner.service.JobDecisions.Progress;
import dev.pavu.planner.service.JobDecisions.Repair;
import dev.pavu.planner.service.JobDecisions.Step;
import dev.pavu.planner.service.JobDecisions.Wait;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobDecisionsTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final TestFailure FAILURE = new TestFailure("com.acme.StatsTest#median", "com.acme.StatsTest", "median",
            "failure", "expected: <2.5> but was: <1.6>", "at com.acme.StatsTest.median(StatsTest.java:12)");

    static VerdictIssued verdict(Verdict v, List<GateResult> gates, List<TestFailure> failing, int run, String diff) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.randomUUID(), 0, null, "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), v, "reason of " + v, gates, failing, run, failing.size(), 1000,
                diff, "p", null, null, List.of());
    }

    static Progress progress(int iteration, int proposed, int tried, int locationsTried, int ranking) {
        return new Progress(3, 200, iteration, proposed, tried, locationsTried, ranking, 40, 60);
    }

    @Test
    void baselinePassConcludesSucceededWithNothingToRepair() {
        Step s = JobDecisions.onBaseline(verdict(Verdict.PASS, List.of(), List.of(), 12, ""), COMMIT, 60_000);
        Conclude c = assertInstanceOf(Conclude.class, s);
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals("", c.patch());
        assertEquals("nothing to repair: all 12 tests already pass at " + COMMIT, c.reason());
    }

    @Test
    void baselineThatDoesNotCompileFailsWithTheGateDetail() {
        var gates = List.of(new GateResult("static", Verdict.FAIL, 900, "compilation failed: Stats.java:12 ';' expected"));
        Conclude c = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(), 0, ""), COMMIT, 60_000));
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().contains("does not build"), c.reason());
        assertTrue(c.reason().contains("Stats.java:12 ';' expected"), c.reason());
    }

    @Test
    void baselineErrorAndTimeoutFailWithActionableReasons() {
        Conclude error = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.ERROR, List.of(), List.of(), 0, ""), COMMIT, 60_000));
        assertEquals(Outcome.FAILED, error.outcome());
        assertTrue(error.reason().contains("reason of ERROR"), error.reason());
        Conclude timeout = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.TIMEOUT, List.of(), List.of(), 0, ""), COMMIT, 60_000));
        assertEquals(Outcome.FAILED, timeout.outcome());
        assertTrue(timeout.reason().contains("60000 ms") && timeout.reason().contains("candidateTimeoutMs"), timeout.reason());
    }

    @Test
    void baselineThatHangsInNamedTestsIsRepaired() {
        var gates = List.of(new GateResult("static", Verdict.PASS, 900, "ok"), new GateResult("tests", Verdict.TIMEOUT, 15_000, "killed"));
        assertInstanceOf(Localise.class,
                JobDecisions.onBaseline(verdict(Verdict.TIMEOUT, gates, List.of(FAILURE), 5, ""), COMMIT, 60_000));
    }

    @Test
    void baselineWithFailingTestsLocalises() {
        var gates = List.of(new GateResult("static", Verdict.PASS, 900, "ok"), new GateResult("tests", Verdict.FAIL, 2000, "1 of 5 failed"));
        assertInstanceOf(Localise.class,
                JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(FAILURE), 5, ""), COMMIT, 60_000));
    }

    @Test
    void baselineFailWithoutFailingTestsFails() {
        Conclude c = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.FAIL, List.of(), List.of(), 5, ""), COMMIT, 60_000));
        assertEquals(Outcome.FAILED, c.outcome());
    }

    @Test
    void firstRepairTakesTheTopLocationsAndIsCappedPerIteration() {
        Repair r = assertInstanceOf(Repair.class, JobDecisions.next(progress(0, 0, 0, 0, 100)));
        assertEquals(new Repair(1, 0, 40, 60), r);
    }

    @Test
    void repairIsCappedByTheRemainingCandidateBudget() {
        Progress p = new Progress(5, 70, 1, 60, 60, 40, 100, 40, 60);
        assertEquals(new Repair(2, 40, 40, 10), JobDecisions.next(p));
    }

    @Test
    void nextIterationTakesTheNextLocations() {
        assertEquals(new Repair(2, 40, 25, 60), JobDecisions.next(progress(1, 30, 30, 40, 65)));
    }

    @Test
    void aFullPlanAtTheEndOfTheRankingStartsAnotherPassOverIt() {
        // int-list in bench/bugs: 13 ranked statements, one plan of 60 candidates (full), 140 candidates of budget left;
        // the reference fix sat at the 4th statement beyond the 60 the actuator reached
        Progress full = new Progress(3, 200, 1, 60, 60, 13, 13, 40, 60, true);
        assertEquals(new Repair(2, 0, 13, 60), JobDecisions.next(full));
        // the second pass goes on through a longer ranking where the first pass went
        Progress secondPass = new Progress(3, 200, 2, 120, 120, 80, 50, 40, 60, true);
        assertEquals(new Repair(3, 30, 20, 60), JobDecisions.next(secondPass));
    }

    @Test
    void aPassWhoseLastPlanWasNotFullEndsTheJobAndCountsEachLocationOnce() {
        Conclude c = assertInstanceOf(Conclude.class, JobDecisions.next(new Progress(3, 200, 2, 90, 90, 26, 13, 40, 60, false)));
        assertEquals("tried 90 candidates at 13 locations in 2 iterations; none made all tests pass (no further suspicious locations)",
                c.reason());
    }

    @Test
    void noLocalisationAtAllFails() {
        Conclude c = assertInstanceOf(Conclude.class, JobDecisions.next(progress(0, 0, 0, 0, 0)));
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().contains("no suspicious statement"), c.reason());
    }

    @Test
    void budgetSpentIsExhaustedWithCounts() {
        Conclude iterations = assertInstanceOf(Conclude.class, JobDecisions.next(progress(3, 90, 88, 120, 400)));
        assertEquals(Outcome.EXHAUSTED, iterations.outcome());
        assertEquals("tried 88 candidates at 120 locations in 3 iterations; none made all tests pass (iteration budget of 3 spent)",
                iterations.reason());
        Conclude candidates = assertInstanceOf(Conclude.class,
                JobDecisions.next(new Progress(3, 50, 1, 50, 50, 40, 400, 40, 60)));
        assertTrue(candidates.reason().endsWith("(candidate budget of 50 spent)"), candidates.reason());
        Conclude locations = assertInstanceOf(Conclude.class, JobDecisions.next(progress(1, 12, 12, 7, 7)));
        assertTrue(locations.reason().endsWith("(no further suspicious locations)"), locations.reason());
        assertNull(locations.patch());
    }

    @Test
    void aPassingRepairVerdictIsNotDecidedHere() {
        // a PASS goes to the plausible-patch ranking (JobTest.aPassingCandidateConcludesSucceededWithItsPatch,
        // JobRankingTest); deciding it here too would be a second, diverging conclusion
        VerdictIssued pass = verdict(Verdict.PASS, List.of(), List.of(), 5, "--- a/x\n+++ b/x\n");
        assertThrows(IllegalArgumentException.class, () -> JobDecisions.onRepairVerdict(pass, false, null, 1, progress(1, 0, 1, 40, 100)));
    }

    @Test
    void failingVerdictsWaitUntilThePlanIsComplete() {
        VerdictIssued fail = verdict(Verdict.FAIL, List.of(), List.of(FAILURE), 5, "d");
        assertInstanceOf(Wait.class, JobDecisions.onRepairVerdict(fail, true, null, 3, progress(1, 0, 3, 40, 100)));
        assertInstanceOf(Wait.class, JobDecisions.onRepairVerdict(fail, true, 4, 3, progress(1, 4, 3, 40, 100)));
        assertInstanceOf(Repair.class, JobDecisions.onRepairVerdict(fail, true, 4, 4, progress(1, 4, 4, 40, 100)));
        // a late verdict of an older plan never starts another iteration
        assertInstanceOf(Wait.class, JobDecisions.onRepairVerdict(fail, false, 4, 4, progress(2, 8, 8, 80, 100)));
    }

    @Test
    void candidateCountArrivingLastOrZeroCompletesThePlan() {
        assertInstanceOf(Repair.class, JobDecisions.onCandidatesProposed(true, 3, 3, progress(1, 3, 3, 40, 100)));
        assertInstanceOf(Repair.class, JobDecisions.onCandidatesProposed(true, 0, 0, progress(1, 0, 0, 40, 100)));
        assertInstanceOf(Wait.class, JobDecisions.onCandidatesProposed(true, 3, 1, progress(1, 3, 1, 40, 100)));
    }

    @Test
    void timeoutIsExhausted() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertFalse(JobDecisions.timedOut(t0, 1000, t0.plusMillis(1000)));
        assertTrue(JobDecisions.timedOut(t0, 1000, t0.plusMillis(1001)));
        Conclude c = JobDecisions.onTimeout(progress(1, 5, 5, 40, 100), 1000);
        assertEquals(Outcome.EXHAUSTED, c.outcome());
        assertTrue(c.reason().contains("ran out of time") && c.reason().contains("tried 5 candidates"), c.reason());
    }
}
