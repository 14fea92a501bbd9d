package dev.pavu.contracts;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The planner asks the actuator for candidate patches (topic {@link Topics#PLANS}, key = job id).
 *
 * @param envelope       envelope of type {@link EventTypes#PLAN_PROPOSED}; iteration 0 is the baseline
 * @param planId         id of this plan; candidates and verdicts refer to it
 * @param kind           baseline (empty patch only), repair or generate
 * @param source         the resolved source (commit and bundle sha set)
 * @param task           the job's task
 * @param locations      ranked suspicious statements, most suspicious first; empty for the baseline
 * @param failingTests   the baseline's failing tests (messages and stack traces); empty for the baseline
 * @param maxCandidates  at most this many candidates for this plan
 * @param verify         how the verifier checks them
 * @param triedPatchHashes SHA-256 (hex) of the normalised diffs already verified for this job, to skip
 * @param decision       the strategy decision with its numbers, or {@code null}
 * @param partialFixes   verified candidates that made some but not all failing tests pass, fewest failures first, for
 *                       the actuator to combine with a second edit (two-location patches); empty when there are none
 *                       (absent in events written before, read as empty)
 */
public record PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                           List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                           VerifySpec verify, List<String> triedPatchHashes, Decision decision,
                           List<PartialFix> partialFixes) implements PavuEvent {
    public PlanProposed {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(planId, "planId is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(verify, "verify is required");
        task = task == null ? new TaskSpec(null, null, null, null, null) : task;
        locations = locations == null ? List.of() : List.copyOf(locations);
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        triedPatchHashes = triedPatchHashes == null ? List.of() : List.copyOf(triedPatchHashes);
        partialFixes = partialFixes == null ? List.of() : List.copyOf(partialFixes);
    }

    /** A plan without partial fixes (every plan before two-location patches, and the baseline). */
    public PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                        List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                        VerifySpec verify, List<String> triedPatchHashes, Decision decision) {
        this(envelope, planId, kind, source, task, locations, failingTests, maxCandidates, verify, triedPatchHashes,
                decision, List.of());
    }
}
