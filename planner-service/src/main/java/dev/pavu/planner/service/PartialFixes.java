package dev.pavu.planner.service;

import dev.pavu.contracts.PartialFix;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.repository.VerdictEntity;

import java.util.List;
import java.util.UUID;

/**
 * Partial fixes for two-location patches: a repair candidate that compiled and left fewer of the tests failing than
 * the baseline did, but some. The next repair plans carry the best of them so the actuator can pair each with a
 * second edit (and with each other).
 */
public final class PartialFixes {

    private PartialFixes() {
    }

    /**
     * @param v              a repair candidate's verdict
     * @param baselineFailed tests that failed on the baseline, or {@code null} when unknown
     * @return true when it is a partial fix: a FAIL of the tests (not of the build: some tests ran and failed) with
     *         fewer failures than the baseline
     */
    public static boolean isPartial(VerdictIssued v, Integer baselineFailed) {
        return baselineFailed != null && v.verdict() == Verdict.FAIL && !v.diff().isBlank()
                && v.testsRun() > 0 && v.testsFailed() > 0 && v.testsFailed() < baselineFailed;
    }

    /**
     * @param jobId the job
     * @param limit at most this many (0 = none)
     * @return the job's partial fixes, fewest failing tests first
     */
    public static List<PartialFix> of(UUID jobId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return VerdictEntity.partialFixes(jobId, limit).stream()
                .map(r -> new PartialFix(r.partialDiff, r.pattern, r.testsFailed == null ? 0 : r.testsFailed)).toList();
    }
}
