package dev.pavu.contracts;

import java.util.Objects;

/**
 * A job was accepted (topic {@link Topics#JOBS}, key = job id, iteration 0).
 *
 * @param envelope envelope of type {@link EventTypes#JOB_SUBMITTED}
 * @param source   the source as submitted (not yet resolved for git URLs)
 * @param task     what is asked
 * @param budget   the job's limits
 */
public record JobSubmitted(Envelope envelope, SourceRef source, TaskSpec task, Budget budget) implements PavuEvent {
    public JobSubmitted {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(task, "task is required");
        budget = budget == null ? Budget.DEFAULT : budget;
    }
}
