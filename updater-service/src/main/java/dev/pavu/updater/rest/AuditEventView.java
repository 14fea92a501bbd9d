package dev.pavu.updater.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.pavu.updater.repository.StoredEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of the audit log as the API returns it (the planner serves it as {@code GET /jobs/{id}/events}).
 *
 * @param seq         position in the log; pass the last one seen as {@code after} to read on
 * @param eventId     the event's envelope id
 * @param type        versioned event type, e.g. {@code pavu.verdict.issued.v1}
 * @param jobId       job id
 * @param iteration   repair iteration (0 = baseline)
 * @param causationId event this one answers, or {@code null}
 * @param occurredAt  when the producer created it (ISO-8601, UTC)
 * @param producer    producing service
 * @param topic       Kafka topic it was read from
 * @param payload     the whole event as a JSON object, {@code envelope} included: the content as published
 *                    (stored as {@code jsonb}, so key order and white space may differ from the record)
 */
public record AuditEventView(long seq, UUID eventId, String type, UUID jobId, int iteration, UUID causationId,
                             Instant occurredAt, String producer, String topic, @JsonRawValue String payload) {

    /**
     * @param e a stored row
     * @return its API view
     */
    public static AuditEventView of(StoredEvent e) {
        return new AuditEventView(e.seq(), e.eventId(), e.type(), e.jobId(), e.iteration(), e.causationId(),
                e.occurredAt(), e.producer(), e.topic(), e.payloadJson());
    }
}
