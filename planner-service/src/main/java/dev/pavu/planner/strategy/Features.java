package dev.pavu.planner.strategy;

/**
 * What the repair-vs-regenerate cost model looks at.
 *
 * @param failingTests          failing tests of the baseline
 * @param topScore              suspiciousness of the most suspicious location of the plan, in [0, 1]
 * @param margin                its lead over the next location's score
 * @param methodLines           lines of the method holding the most suspicious location
 * @param capability            capability (0..1) of the proposer model; 0 without one
 * @param pastRepairRate        past success rate of repair attempts (smoothed towards the prior)
 * @param pastRegenerateRate    past success rate of regenerations
 * @param earlierRepairs        repair iterations of this job so far
 * @param earlierRegenerations  regeneration iterations of this job so far
 * @param modelAvailable        whether a proposer model is configured and known to the gateway
 */
public record Features(int failingTests, double topScore, double margin, int methodLines, double capability,
                       double pastRepairRate, double pastRegenerateRate, int earlierRepairs, int earlierRegenerations,
                       boolean modelAvailable) {
}
