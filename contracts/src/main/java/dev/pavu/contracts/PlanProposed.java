package dev.pavu.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * @param patternWeights the planner's evidence on fix patterns for this plan, highest weight first: each a multiplier
 *                       of the actuator's pattern prior; above 1 the planner wants the pattern earlier (it partly
 *                       fixed this job, or fixed jobs of this failure kind), below 1 later; a pattern not named keeps
 *                       its prior (empty: no evidence; absent in events written before, read as empty). Blank names,
 *                       repeated names (the first counts) and non-finite or non-positive weights are dropped, the
 *                       rest clamped to [{@link #MIN_PATTERN_WEIGHT}, {@link #MAX_PATTERN_WEIGHT}], at most
 *                       {@link #MAX_PATTERN_WEIGHTS}
 */
public record PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                           List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                           VerifySpec verify, List<String> triedPatchHashes, Decision decision,
                           List<PartialFix> partialFixes, List<PatternWeight> patternWeights) implements PavuEvent {

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
                decision, partialFixes, List.of());
    }

    /** @return pattern → weight, in the plan's order (derived, not written to the wire) */
    @JsonIgnore
    public Map<String, Double> weightsByPattern() {
        Map<String, Double> out = new LinkedHashMap<>();
        patternWeights.forEach(w -> out.put(w.pattern(), w.weight()));
        return out;
    }

    /**
     * @param weights pattern → multiplier in the order wanted, or {@code null}
     * @return the plan's weights, bounded as {@link #boundedWeights(List)} says
     */
    public static List<PatternWeight> weights(Map<String, Double> weights) {
        if (weights == null) {
            return List.of();
        }
        List<PatternWeight> out = new ArrayList<>();
        weights.forEach((p, w) -> {
            if (p != null && w != null) {
                out.add(new PatternWeight(p, w));
            }
        });
        return boundedWeights(out);
    }

    /**
     * @param weights pattern weights, or {@code null}
     * @return the same without blank or repeated names (the first counts) and without non-finite or non-positive
     *         weights, clamped, at most {@link #MAX_PATTERN_WEIGHTS}, in the given order, unmodifiable
     */
    static List<PatternWeight> boundedWeights(List<PatternWeight> weights) {
        if (weights == null || weights.isEmpty()) {
            return List.of();
        }
        List<PatternWeight> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PatternWeight w : weights) {
            if (out.size() >= MAX_PATTERN_WEIGHTS) {
                break;
            }
            if (w == null || w.pattern().isBlank() || !Double.isFinite(w.weight()) || w.weight() <= 0 || !seen.add(w.pattern())) {
                continue;
            }
            out.add(new PatternWeight(w.pattern(), Math.max(MIN_PATTERN_WEIGHT, Math.min(MAX_PATTERN_WEIGHT, w.weight()))));
        }
        return List.copyOf(out);
    }

    /** A plan without partial fixes (every plan before two-location patches, and the baseline). */
    public PlanProposed(Envelope envelope, UUID planId, PlanKind kind, SourceRef source, TaskSpec task,
                        List<SuspiciousLocation> locations, List<TestFailure> failingTests, int maxCandidates,
                        VerifySpec verify, List<String> triedPatchHashes, Decision decision) {
        this(envelope, planId, kind, source, task, locations, failingTests, maxCandidates, verify, triedPatchHashes,
                decision, List.of());
    }
}
