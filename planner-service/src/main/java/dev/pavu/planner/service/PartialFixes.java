package dev.pavu.planner.service;

import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;

/**
 * Partial fixes for two-location patches: a repair candidate that compiled and made some of the baseline's failing
 * tests pass, but not all. The next repair plans carry the best of them (chosen by the
 * {@code dev.pavu.planner.job.Job} aggregate) so the actuator can pair each with a second edit (and with each other).
 */
public final class PartialFixes {

    private PartialFixes() {
    }

    /**
     * Whether a repair verdict is a partial fix. The verifier runs the baseline's failing tests first and stops at the
     * first failing test, so a candidate's {@code testsFailed} is mostly 1 whatever it fixed: the evidence is the tests
     * that passed before that failure ({@code testsRun − testsFailed}), which were failing on the baseline. When the
     * verifier ran the whole suite instead (no fail-fast), {@code testsFailed} is a full count and must be below the
     * baseline's.
     *
     * @param v              a repair candidate's verdict
     * @param baselineFailed tests that failed on the baseline, or {@code null} when unknown
     * @return true for a FAIL of the tests (not of the build) with at least one test passing and fewer failures than
     *         the baseline
     */
    public static boolean isPartial(VerdictIssued v, Integer baselineFailed) {
        return baselineFailed != null && v.verdict() == Verdict.FAIL && !v.diff().isBlank()
                && v.testsFailed() > 0 && v.testsFailed() < baselineFailed && v.testsRun() - v.testsFailed() > 0;
    }
}
