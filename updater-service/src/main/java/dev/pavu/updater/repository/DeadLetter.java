package dev.pavu.updater.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One dead letter as stored in {@code updater.dead_letters}: a record a consumer gave up on, where it was read from
 * (original topic/partition/offset), who gave up (service, group, channel), why and after how many attempts, and
 * whether an operator replayed it.
 *
 * @param id                the row id ({@code GET /dead-letters/{id}}); 0 before it is stored
 * @param dlqTopic          the dead-letter topic it was read from
 * @param dlqPartition      its partition there
 * @param dlqOffset         its offset there (topic/partition/offset make a dead letter unique)
 * @param originalTopic     the topic the failed record was on, or {@code null} when the header is missing
 * @param originalPartition its partition, or {@code null}
 * @param originalOffset    its offset, or {@code null}
 * @param service           the consuming service, or {@code null}
 * @param consumerGroup     its consumer group, or {@code null}
 * @param channel           its incoming channel, or {@code null}
 * @param exceptionClass    class of the failure
 * @param reason            its message
 * @param causeClass        class of its cause, or {@code null}
 * @param cause             the cause's message, or {@code null}
 * @param attempts          how often the consumer tried the record, or {@code null} when not said
 * @param eventId           the event id ({@code ce_id}, else the value's envelope), or {@code null} when unreadable
 * @param eventType         the event type, or {@code null}
 * @param jobId             the job, or {@code null}
 * @param recordKey         the record key, or {@code null}
 * @param value             the record value (what a replay re-publishes)
 * @param headers           the original record's headers, name → UTF-8 text (the dead-letter headers excluded)
 * @param deadLetteredAt    when the consumer gave up, or {@code null}
 * @param receivedAt        when the updater stored it
 * @param replayedAt        when it was replayed, or {@code null}
 * @param replayedBy        who replayed it, or {@code null}
 */
public record DeadLetter(long id, String dlqTopic, int dlqPartition, long dlqOffset, String originalTopic,
                         Integer originalPartition, Long originalOffset, String service, String consumerGroup,
                         String channel, String exceptionClass, String reason, String causeClass, String cause,
                         Integer attempts, UUID eventId, String eventType, UUID jobId, String recordKey, String value,
                         Map<String, String> headers, Instant deadLetteredAt, Instant receivedAt, Instant replayedAt,
                         String replayedBy) {
}
