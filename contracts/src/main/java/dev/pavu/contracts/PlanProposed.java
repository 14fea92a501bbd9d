package dev.pavu.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param patternWeights the planner's evidence on fix patterns for this plan: pattern name → a multiplier (&gt; 0, at
 *                       most {@link #MAX_PATTERN_WEIGHT}) of the actuator's pattern prior; above 1 the planner wants
 *                       the pattern earlier (it partly fixed this job, or fixed jobs of this failure kind), below 1
 *                       later; a pattern not named keeps its prior (empty: no evidence; absent in events written
 *                       before, read as empty; non-finite or non-positive values are dropped, others clamped to
 *                       [{@link #MIN_PATTERN_WEIGHT}, {@link #MAX_PATTERN_WEIGHT}]; a JSON object, so the order of
 *                       its keys is not kept)
 */
public record PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                           List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                           VerifySpec verify, List<String> triedPatchHashes, Decision decision,
                           List<PartialFix> partialFixes, Map<String, Double> patternWeights) implements PavuEvent {

    /** The smallest pattern weight a plan carries: evidence never removes a pattern from the search. */
    public static final double MIN_PATTERN_WEIGHT = 0.05;
    /** The largest pattern weight a plan carries. */
    public static final double MAX_PATTERN_WEIGHT = 20.0;
    /** Pattern weights a plan carries at most (more are dropped, in the map's order). */
    public static final int MAX_PATTERN_WEIGHTS = 200;

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
        patternWeights = boundedWeights(patternWeights);
    }

    /** A plan without pattern weights (plans before search-order evidence). */
    public PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                        List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                        VerifySpec verify, List<String> triedPatchHashes, Decision decision,
                        List<PartialFix> partialFixes) {
        this(envelope, planId, kind, source, task, locations, failingTests, maxCandidates, verify, triedPatchHashes,
                decision, partialFixes, Map.of());
    }

    /**
     * @param weights pattern → multiplier, or {@code null}
     * @return the same without blank names and non-finite or non-positive values, clamped, at most
     *         {@link #MAX_PATTERN_WEIGHTS} entries, in the given order, unmodifiable
     */
    static Map<String, Double> boundedWeights(Map<String, Double> weights) {
        if (weights == null || weights.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            Double w = e.getValue();
            if (out.size() >= MAX_PATTERN_WEIGHTS || e.getKey() == null || e.getKey().isBlank() || w == null
                    || !Double.isFinite(w) || w <= 0) {
                continue;
            }
            out.put(e.getKey(), Math.max(MIN_PATTERN_WEIGHT, Math.min(MAX_PATTERN_WEIGHT, w)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A plan without partial fixes (every plan before two-location patches, and the baseline). */
    public PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                        List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                        VerifySpec verify, List<String> triedPatchHashes, Decision decision) {
        this(envelope, planId, kind, source, task, locations, failingTests, maxCandidates, verify, triedPatchHashes,
                decision, List.of());
    }
}
