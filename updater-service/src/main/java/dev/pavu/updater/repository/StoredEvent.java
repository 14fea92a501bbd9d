package dev.pavu.updater.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the append-only audit log ({@code updater.events}).
 *
 * @param seq         position in the log: strictly increasing in commit order, global over all jobs
 * @param eventId     the event's envelope id (unique in the log)
 * @param jobId       job of the event
 * @param type        versioned event type, e.g. {@code pavu.verdict.issued.v1}
 * @param iteration   repair iteration of the envelope (0 = baseline)
 * @param causationId event this one answers, or {@code null}
 * @param occurredAt  when the producer created the event
 * @param producer    producing service, e.g. {@code verifier-service}
 * @param topic       Kafka topic it was read from
 * @param partition   Kafka partition
 * @param offset      Kafka offset within the partition
 * @param recordKey   Kafka record key, or {@code null}
 * @param payloadJson the event as received: a JSON object with its {@code envelope} (normalised by {@code jsonb}:
 *                    same content, key order and white space may differ)
 * @param receivedAt  when the updater stored it
 */
public record StoredEvent(long seq, UUID eventId, UUID jobId, String type, int iteration, UUID causationId,
                          Instant occurredAt, String producer, String topic, int partition, long offset,
                          String recordKey, String payloadJson, Instant receivedAt) {
}
