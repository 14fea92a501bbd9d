package dev.pavu.planner.job;

import dev.pavu.contracts.PlanKind;

import java.time.Instant;
import java.util.UUID;

/**
 * One plan of a job as the {@link Job} aggregate sees it (a row of {@code planner.iterations}; iteration 0 is the
 * baseline). Immutable: a transition replaces it with a changed copy, which {@link JobStore} writes back.
 *
 * @param planId         the plan
 * @param iteration      0 for the baseline, then 1, 2, …
 * @param kind           BASELINE, REPAIR or GENERATE
 * @param planEventId    the id of the {@code PlanProposed} that announced it
 * @param locationFrom   index of its first location in the job's ranking
 * @param locationCount  how many locations it got
 * @param maxCandidates  candidates it allowed
 * @param candidateCount candidates the actuator announced, or {@code null} until {@code CandidatesProposed}
 * @param rejectedCount  candidates the actuator rejected, or {@code null} until then
 * @param verdicts       verdicts received for its candidates (SKIPPED included)
 * @param passed         whether one of its candidates passed
 * @param createdAt      when it was sent
 */
public record Plan(UUID planId, int iteration, PlanKind kind, UUID planEventId, int locationFrom, int locationCount,
                   int maxCandidates, Integer candidateCount, Integer rejectedCount, int verdicts, boolean passed,
                   Instant createdAt) {

    /** @return this plan with the actuator's counts */
    Plan withCandidates(int candidates, int rejected) {
        return new Plan(planId, iteration, kind, planEventId, locationFrom, locationCount, maxCandidates, candidates, rejected,
                verdicts, passed, createdAt);
    }

    /** @return this plan with one more verdict, passed when {@code pass} */
    Plan withVerdict(boolean pass) {
        return new Plan(planId, iteration, kind, planEventId, locationFrom, locationCount, maxCandidates, candidateCount,
                rejectedCount, verdicts + 1, passed || pass, createdAt);
    }
}
