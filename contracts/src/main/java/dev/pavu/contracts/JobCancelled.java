package dev.pavu.contracts;

import java.util.Objects;

/**
 * The user asked to cancel a job (topic {@link Topics#JOBS}); a {@link JobConcluded} with
 * {@link Outcome#CANCELLED} follows.
 *
 * @param envelope envelope of type {@link EventTypes#JOB_CANCELLED}
 * @param reason   why, as given by the user or the system
 */
public record JobCancelled(Envelope envelope, String reason) implements PavuEvent {
    public JobCancelled {
        Objects.requireNonNull(envelope, "envelope is required");
    }
}
