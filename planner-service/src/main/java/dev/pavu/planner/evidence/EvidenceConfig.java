package dev.pavu.planner.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Search order from evidence ({@code pavu.planner.evidence.*}): how much a job's partial fixes move their locations and
 * patterns up in its next plans, and how the per-failure-kind pattern prior learned from verdicts is smoothed and
 * bounded. The formulas and their sources are in {@link PartialEvidence} and {@link PatternPrior}.
 */
@ConfigMapping(prefix = "pavu.planner.evidence")
public interface EvidenceConfig {

    /** @return false to plan as without evidence (no re-weighting, no pattern weights, nothing learned) */
    @WithDefault("true")
    boolean enabled();

    /**
     * β in [0, 1]: a location's score becomes {@code 1 − (1 − s)(1 − β·g)} for a partial fix of gain {@code g} there.
     *
     * @return the location weight
     */
    @WithDefault("0.5")
    double locationWeight();

    /**
     * γ ≥ 0: a pattern with a partial fix of gain {@code g} in the job is weighted {@code 1 + γ·g}.
     *
     * @return the pattern weight
     */
    @WithDefault("1.0")
    double patternWeight();

    /**
     * s &gt; 0, in pseudo-verdicts: the weight of the failure kind's pooled rate in a pattern's smoothed rate.
     *
     * @return the prior strength
     */
    @WithDefault("2.0")
    double priorStrength();

    /** @return the smallest weight a plan gives a pattern (&gt; 0: evidence never removes a pattern) */
    @WithDefault("0.25")
    double minWeight();

    /** @return the largest weight a plan gives a pattern */
    @WithDefault("4.0")
    double maxWeight();

    /** @return locations outside the plan's slice that partial fixes add to it, at most */
    @WithDefault("3")
    int maxExtraLocations();

    /**
     * λ ≥ 0: a pattern that fixed a similar failure before (a lesson card of similarity {@code s}) is weighted
     * {@code 1 + λ·s} ({@link LessonPriors}); 0 plans without lessons.
     *
     * @return the lesson weight
     */
    @WithDefault("1.0")
    double lessonWeight();

    /** @return lesson cards less similar than this (cosine, -1..1) to the job's failure are ignored */
    @WithDefault("0.6")
    double lessonMinScore();

    /** @return lesson cards read per plan, at most (1–50) */
    @WithDefault("5")
    int lessonLimit();
}
