package dev.pavu.planner.job;

import dev.pavu.planner.repository.JobState;

import java.time.Duration;
import java.time.Instant;

/** Names the stage an open job stalled at, for the reason of a job that times out. */
final class JobStages {

    private JobStages() {
    }

    /**
     * @param state the job's state
     * @param plan  its current plan, or {@code null}
     * @param now   the time now
     * @return where it waits, e.g. "it stalled at the verifier: 3 of 12 verdicts of iteration 2 received"
     */
    static String stage(JobState state, Plan plan, Instant now) {
        if (plan == null) {
            return "it stalled before its first plan (state " + state + ")";
        }
        String of = (plan.iteration() == 0 ? "the baseline plan" : "the " + plan.kind() + " plan of iteration " + plan.iteration());
        long age = Duration.between(plan.createdAt(), now).toSeconds();
        if (plan.candidateCount() == null && plan.verdicts() == 0) {
            return "it stalled at the actuator: no answer to " + of + " (sent " + age + " s before)";
        }
        if (plan.candidateCount() == null || plan.verdicts() < plan.candidateCount()) {
            return "it stalled at the verifier: " + plan.verdicts() + " of "
                    + (plan.candidateCount() == null ? "?" : plan.candidateCount()) + " verdicts of " + of + " received";
        }
        return "it stalled at the planner after all verdicts of " + of;
    }
}
