package dev.pavu.planner.job;

import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.evidence.EvidenceConfig;
import dev.pavu.planner.evidence.SearchWeights;

import java.time.Duration;

/**
 * The planner settings the {@link Job} aggregate's transitions follow.
 *
 * @param locationsPerIteration locations per repair plan ({@code pavu.planner.locations-per-iteration})
 * @param maxPerIteration       candidates per plan at most ({@code pavu.planner.max-candidates-per-iteration})
 * @param maxPartialFixes       partial fixes a repair plan carries at most (0 = none)
 * @param collectCoverage       whether the baseline run collects per-test coverage for localisation
 * @param sourceTimeout         the source resolution's limit (a job QUEUED past twice this fails)
 * @param extraCandidates       repair verdicts counted after the first plausible patch before concluding with the
 *                              best-ranked one ({@code pavu.planner.ranking.extra-candidates}; 0 = conclude at the first)
 * @param extraTime             time after the first plausible patch at most ({@code pavu.planner.ranking.extra-time};
 *                              zero = conclude at the first)
 * @param evidence              how partial fixes and learned pattern priors steer the next plans
 *                              ({@code pavu.planner.evidence.*})
 */
public record JobRules(int locationsPerIteration, int maxPerIteration, int maxPartialFixes, boolean collectCoverage,
                       Duration sourceTimeout, int extraCandidates, Duration extraTime, SearchWeights evidence) {

    public JobRules {
        evidence = evidence == null ? SearchWeights.DEFAULTS : evidence;
    }

    /** Rules with the default evidence weights. */
    public JobRules(int locationsPerIteration, int maxPerIteration, int maxPartialFixes, boolean collectCoverage,
                    Duration sourceTimeout, int extraCandidates, Duration extraTime) {
        this(locationsPerIteration, maxPerIteration, maxPartialFixes, collectCoverage, sourceTimeout, extraCandidates,
                extraTime, SearchWeights.DEFAULTS);
    }

    /** Rules without plausible-patch ranking: a job concludes at its first plausible patch. */
    public JobRules(int locationsPerIteration, int maxPerIteration, int maxPartialFixes, boolean collectCoverage,
                    Duration sourceTimeout) {
        this(locationsPerIteration, maxPerIteration, maxPartialFixes, collectCoverage, sourceTimeout, 0, Duration.ZERO);
    }

    /** @return whether a job goes on after its first plausible patch to rank more */
    public boolean ranks() {
        return extraCandidates > 0 && extraTime.isPositive();
    }

    /**
     * @param config the planner's configuration
     * @return its rules
     */
    public static JobRules of(PlannerConfig config) {
        return of(config, null);
    }

    /**
     * @param config   the planner's configuration
     * @param evidence the evidence settings, or {@code null} for the defaults
     * @return its rules
     */
    public static JobRules of(PlannerConfig config, EvidenceConfig evidence) {
        return new JobRules(config.locationsPerIteration(), config.maxCandidatesPerIteration(), config.maxPartialFixes(),
                config.localisation().collectCoverage(), config.sourceTimeout(), config.ranking().extraCandidates(),
                config.ranking().extraTime(), evidence == null ? SearchWeights.DEFAULTS : SearchWeights.of(evidence));
    }
}
