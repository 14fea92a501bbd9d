package dev.pavu.actuator.proposer;

/**
 * The prior probability that a fix pattern repairs a bug, used to rank candidates
 * ({@code priority = location score × prior × mutation weight}). A separate interface so that priors
 * learned from past verdicts can replace the static table.
 */
public interface PatternPriors {

    /**
     * @param pattern a pattern name
     * @return its prior in (0, 1]
     */
    double prior(String pattern);
}
