package dev.pavu.planner.job;

import dev.pavu.contracts.Verdict;

import java.time.Instant;
import java.util.UUID;

/**
 * A candidate's verdict as the planner counts it (a row of {@code planner.verdicts}).
 *
 * @param candidateId the candidate
 * @param planId      its plan
 * @param verdict     the verifier's verdict
 * @param patchHash   SHA-256 (hex) of the normalised diff, or {@code null} for the empty patch
 * @param receivedAt  when the planner counted it
 * @param testsFailed tests that failed with it
 * @param testsPassed tests that passed in its run (tests run − tests failed)
 * @param pattern     its fix pattern, or {@code null}
 * @param partialDiff its diff when it is a partial fix ({@code PartialFixes#isPartial}), else {@code null}
 */
public record Judged(UUID candidateId, UUID planId, Verdict verdict, String patchHash, Instant receivedAt,
                     Integer testsFailed, Integer testsPassed, String pattern, String partialDiff) {
}
