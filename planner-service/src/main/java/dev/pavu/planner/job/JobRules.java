package dev.pavu.planner.job;

import dev.pavu.planner.config.PlannerConfig;

import java.time.Duration;

/**
 * The planner settings the {@link Job} aggregate's transitions follow.
 *
 * @param locationsPerIteration locations per repair plan ({@code pavu.planner.locations-per-iteration})
 * @param maxPerIteration       candidates per plan at most ({@code pavu.planner.max-candidates-per-iteration})
 * @param maxPartialFixes       partial fixes a repair plan carries at most (0 = none)
 * @param collectCoverage       whether the baseline run collects per-test coverage for localisation
 * @param sourceTimeout         the source resolution's limit (a job QUEUED past twice this fails)
 */
public record JobRules(int locationsPerIteration, int maxPerIteration, int maxPartialFixes, boolean collectCoverage,
                       Duration sourceTimeout) {

    /**
     * @param config the planner's configuration
     * @return its rules
     */
    public static JobRules of(PlannerConfig config) {
        return new JobRules(config.locationsPerIteration(), config.maxCandidatesPerIteration(), config.maxPartialFixes(),
                config.localisation().collectCoverage(), config.sourceTimeout());
    }
}
