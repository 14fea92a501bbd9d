package dev.pavu.planner.job;

import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.service.JobDecisions.Repair;
import dev.pavu.planner.strategy.StrategyService;

import java.util.Map;
import java.util.UUID;

/**
 * A job wants its next repair plan: the strategy step's question (it may call the model gateway, so it is asked
 * without the job row's lock), and the job's position when it was asked. A strategy choice made for one request
 * applies only to an equal request computed again under the lock: if the job moved on meanwhile (another state or
 * iteration, other counts), the choice is stale.
 *
 * @param repair          the decided repair step (iteration, locations, candidates)
 * @param input           the strategy step's input
 * @param numbers         numbers the planner records in the decision (iteration, locations, budget, top score)
 * @param rationale       the planner's one-line description of the iteration
 * @param causation       the event that caused the plan
 * @param stateBefore     the job's state when asked
 * @param iterationBefore the job's iteration when asked
 * @param patternGains    pattern → its best partial-fix gain in the job, in [0, 1]
 *                        ({@code dev.pavu.planner.evidence.PartialEvidence}); empty when none
 */
public record PlanRequest(Repair repair, StrategyService.Input input, Map<String, Double> numbers, String rationale,
                          UUID causation, JobState stateBefore, int iterationBefore, Map<String, Double> patternGains) {

    public PlanRequest {
        patternGains = patternGains == null ? Map.of() : Map.copyOf(patternGains);
    }
}
