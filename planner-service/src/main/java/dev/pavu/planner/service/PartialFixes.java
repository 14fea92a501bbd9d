package dev.pavu.planner.service;

import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.evidence.PartialEvidence;

/**
 * Partial fixes for two-location patches: a repair candidate that compiled and made some of the baseline's failing
 * tests pass, but not all. The next repair plans carry the best of them (chosen by the
 * {@code dev.pavu.planner.job.Job} aggregate) so the actuator can pair each with a second edit (and with each other).
 */
public final class PartialFixes {

    private PartialFixes() {
    }

    /**
     * Whether a repair verdict is a partial fix: a FAIL of the tests (not of the build) whose gain is above 0, the one
     * definition of "made some of the baseline's failing tests pass" that the search order uses too
     * ({@link PartialEvidence#gain}). The verifier runs the baseline's failing tests first and stops at the first
     * failing test, so a candidate's {@code testsFailed} is mostly 1 whatever it fixed: the evidence is the tests that
     * passed before that failure ({@code testsRun − testsFailed}), which were failing on the baseline. When the
     * verifier ran the whole suite instead (no fail-fast), {@code testsFailed} is a full count and must be below the
     * baseline's.
     *
     * @param v              a repair candidate's verdict
     * @param baselineFailed tests that failed on the baseline, or {@code null} when unknown
     * @return true for a FAIL with a diff, at least one failing test, and {@code PartialEvidence.gain(testsRun −
     *         testsFailed, testsFailed, baselineFailed) > 0} (at least one test passing and fewer failures than the
     *         baseline)
     */
    public static boolean isPartial(VerdictIssued v, Integer baselineFailed) {
        return v.verdict() == Verdict.FAIL && !v.diff().isBlank() && v.testsFailed() > 0
                && PartialEvidence.gain(v.testsRun() - v.testsFailed(), v.testsFailed(), baselineFailed) > 0;
    }
}
