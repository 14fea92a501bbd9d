package dev.pavu.planner.service;

import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.service.JobDecisions.Conclude;
import dev.pavu.planner.service.JobDecisions.Progress;
import dev.pavu.planner.service.JobDecisions.Repair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-location patches, the planner's side: which verdicts are partial fixes, and that new ones earn another pass. */
class PartialFixesTest {

    static final TestFailure A = new TestFailure("T#a", "T", "a", "failure", "m", "at T.a(T.java:1)");
    static final String DIFF = "diff --git a/src/main/java/A.java b/src/main/java/A.java\n";

    static dev.pavu.contracts.VerdictIssued run(Verdict v, int run, int failed, String diff) {
        List<TestFailure> failing = failed == 0 ? List.of() : java.util.Collections.nCopies(failed, A);
        return JobDecisionsTest.verdict(v, List.of(), failing, run, diff);
    }

    @Test
    void aFailFastRunThatPassedSomeOfTheBaselinesFailingTestsFirstIsPartial() {
        // the baseline failed 3 tests; the candidate's run passed 2 of them, then the third failed and the run stopped
        assertTrue(PartialFixes.isPartial(run(Verdict.FAIL, 3, 1, DIFF), 3));
        // a whole-suite run (no fail-fast) with fewer failures than the baseline
        assertTrue(PartialFixes.isPartial(run(Verdict.FAIL, 9, 2, DIFF), 3));
    }

    @Test
    void noProgressABuildFailureATimeoutOrAnUnknownBaselineIsNotPartial() {
        assertFalse(PartialFixes.isPartial(run(Verdict.FAIL, 1, 1, DIFF), 3),
                "fail-fast: the first test run failed, nothing is known to pass");
        assertFalse(PartialFixes.isPartial(run(Verdict.FAIL, 9, 3, DIFF), 3), "as many failures as the baseline");
        assertFalse(PartialFixes.isPartial(run(Verdict.FAIL, 0, 0, DIFF), 3), "did not compile: no test ran");
        assertFalse(PartialFixes.isPartial(run(Verdict.TIMEOUT, 3, 1, DIFF), 3));
        assertFalse(PartialFixes.isPartial(run(Verdict.FAIL, 3, 1, DIFF), null));
        assertFalse(PartialFixes.isPartial(run(Verdict.FAIL, 3, 1, ""), 3), "the empty patch");
    }

    @Test
    void newPartialFixesEarnAnotherPassWhereThePassWouldEnd() {
        // a pass over 13 locations ended, its last plan not full: without partial fixes the job ends
        Progress ended = new Progress(3, 200, 1, 50, 50, 13, 13, 40, 60, false, false);
        assertTrue(assertInstanceOf(Conclude.class, JobDecisions.next(ended)).reason().endsWith("(no further suspicious locations)"));
        // with partial fixes no plan carried yet: the ranking again, so the actuator pairs them with second edits
        Progress partials = new Progress(3, 200, 1, 50, 50, 13, 13, 40, 60, false, true);
        assertEquals(new Repair(2, 0, 13, 60), JobDecisions.next(partials));
        // the budgets still end it
        Progress spent = new Progress(3, 50, 1, 50, 50, 13, 13, 40, 60, false, true);
        assertTrue(assertInstanceOf(Conclude.class, JobDecisions.next(spent)).reason().endsWith("(candidate budget of 50 spent)"));
    }
}
