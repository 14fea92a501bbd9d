package dev.pavu.actuator.proposer;

/**
 * The prior probability that a fix pattern repairs a bug, used to rank candidates
 * ({@code priority = location score × prior × mutation weight}). A separate interface so that priors
 * learned from past verdicts ({@code priors.LearnedPatternPriors}) can replace the static table.
 */
public interface PatternPriors {

    /**
     * @param pattern a pattern name
     * @return its prior in (0, 1]
     */
    double prior(String pattern);

    /**
     * The prior of a pattern for a bug whose failing tests fail in a given way: a {@code NullPointerException}
     * is more often fixed by a null check than an assertion failure is.
     *
     * @param pattern     a pattern name
     * @param failureKind the kind of failure of the job's baseline — the simple exception class of the first
     *                    failing test ({@code AssertionFailedError}, {@code NullPointerException}, …),
     *                    {@code timeout}, … (see {@code dev.pavu.contracts.FailureKinds}) — or {@code null} when unknown
     * @return its prior in (0, 1]; by default the same as {@link #prior(String)}
     */
    default double prior(String pattern, String failureKind) {
        return prior(pattern);
    }
}
