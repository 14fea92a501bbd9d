package dev.pavu.planner.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * One entry of the updater's audit log ({@code GET /audit/jobs/{id}/events}), passed on as is.
 *
 * @param seq         position in the log (ascending; {@code after=<seq>} pages on)
 * @param eventId     the event's id
 * @param type        versioned event type, e.g. {@code pavu.plan.proposed.v1}
 * @param jobId       the job
 * @param iteration   the event's iteration
 * @param causationId the event it answers, or {@code null}
 * @param occurredAt  when the producer created it (ISO-8601)
 * @param producer    the producing service
 * @param topic       the Kafka topic it was read from
 * @param payload     the whole event as JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEvent(long seq, UUID eventId, String type, UUID jobId, int iteration, UUID causationId,
                         String occurredAt, String producer, String topic, JsonNode payload) {
}
