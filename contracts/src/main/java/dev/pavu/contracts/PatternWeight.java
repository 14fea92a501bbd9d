package dev.pavu.contracts;

import java.util.Objects;

/**
 * The planner's evidence on one fix pattern for a plan ({@link PlanProposed#patternWeights}): a multiplier of the
 * actuator's pattern prior.
 *
 * @param pattern the fix pattern's name, never blank
 * @param weight  the multiplier, &gt; 0 (above 1: the planner wants the pattern earlier; a plan clamps it to
 *                [{@link PlanProposed#MIN_PATTERN_WEIGHT}, {@link PlanProposed#MAX_PATTERN_WEIGHT}])
 */
public record PatternWeight(String pattern, double weight) {
    public PatternWeight {
        Objects.requireNonNull(pattern, "pattern is required");
    }
}
