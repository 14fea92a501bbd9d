package dev.pavu.contracts;

import java.util.Objects;

/**
 * What became of a job's requested result branch (topic {@link Topics#JOBS}, key = job id; planner → updater). A job
 * submitted with a git URL may ask for its fix pushed back as a branch; once the job has concluded, the planner pushes it
 * with an operator's credential and writes this event in the transaction that records the result, so the audit trail
 * holds every push, failure and skip. It never changes the job's outcome. Sent once per job, for the final result only
 * (a transient failure that will be retried is not announced).
 *
 * @param envelope envelope of type {@link EventTypes#RESULT_BRANCH_DELIVERED}
 * @param team     the job's team
 * @param branch   the branch's name as pushed, e.g. {@code pavu/fix-invoice} (without {@code refs/heads/})
 * @param state    {@code PUSHED}, {@code FAILED} (with the reason) or {@code SKIPPED} (the job did not succeed with a
 *                 patch, or was cancelled)
 * @param commit   the pushed commit (40 hex digits) for {@code PUSHED}, else {@code null}
 * @param reason   why it failed or was skipped, for people (never holds the credential), else {@code null}
 */
public record ResultBranchDelivered(Envelope envelope, String team, String branch, String state, String commit,
                                    String reason) implements PavuEvent {
    public ResultBranchDelivered {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(branch, "branch is required");
        Objects.requireNonNull(state, "state is required");
    }
}
