package dev.pavu.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every Pavu event carries (DESIGN.md, "Events").
 *
 * @param eventId     unique id of this event; consumers record it to stay idempotent
 * @param type        versioned type, e.g. {@code pavu.plan.proposed.v1} (see {@link EventTypes})
 * @param jobId       the job this event belongs to
 * @param iteration   repair iteration: 0 is the baseline run of the empty patch, then 1, 2, …
 * @param causationId the {@code eventId} of the event this one answers; {@code null} for a job's first event
 * @param occurredAt  when the producer created the event (UTC)
 * @param producer    the service that wrote it, e.g. {@code planner-service}
 */
public record Envelope(UUID eventId, String type, UUID jobId, int iteration, UUID causationId,
                       Instant occurredAt, String producer) {

    public Envelope {
        Objects.requireNonNull(eventId, "envelope.eventId is required");
        Objects.requireNonNull(type, "envelope.type is required");
        Objects.requireNonNull(jobId, "envelope.jobId is required");
        Objects.requireNonNull(occurredAt, "envelope.occurredAt is required");
        Objects.requireNonNull(producer, "envelope.producer is required");
        if (iteration < 0) {
            throw new IllegalArgumentException("envelope.iteration must be >= 0, was " + iteration);
        }
    }

    /**
     * A new envelope with a random event id, stamped now.
     *
     * @param type        versioned type from {@link EventTypes}
     * @param jobId       job id
     * @param iteration   iteration number (0 = baseline)
     * @param causationId event answered, or {@code null}
     * @param producer    producing service name
     * @return the envelope
     */
    public static Envelope of(String type, UUID jobId, int iteration, UUID causationId, String producer) {
        return new Envelope(UUID.randomUUID(), type, jobId, iteration, causationId, Instant.now(), producer);
    }
}
