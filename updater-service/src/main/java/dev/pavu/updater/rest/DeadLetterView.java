package dev.pavu.updater.rest;

import dev.pavu.updater.repository.DeadLetter;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A dead letter as the API returns it ({@code GET /dead-letters}, {@code GET /dead-letters/{id}}).
 *
 * @param id             its id (for show and replay)
 * @param consumer       the service that gave up on the record
 * @param consumerGroup  its consumer group
 * @param channel        its incoming channel
 * @param exceptionClass class of the failure
 * @param reason         the failure's message
 * @param causeClass     class of the failure's cause, or {@code null}
 * @param cause          the cause's message, or {@code null}
 * @param attempts       how often the record was tried, or {@code null}
 * @param eventId        the event id, or {@code null} when the record was unreadable
 * @param eventType      the event type, or {@code null}
 * @param jobId          the job, or {@code null}
 * @param original       where the record was read: topic, partition, offset
 * @param deadLetter     where the dead letter is: topic, partition, offset
 * @param key            the record key
 * @param value          the record value (what a replay re-publishes)
 * @param headers        the original record's headers
 * @param deadLetteredAt when the consumer gave up
 * @param replayedAt     when it was replayed, or {@code null}
 * @param replayedBy     by whom, or {@code null}
 */
public record DeadLetterView(long id, String consumer, String consumerGroup, String channel, String exceptionClass,
                             String reason, String causeClass, String cause, Integer attempts, UUID eventId,
                             String eventType, UUID jobId, Position original, Position deadLetter, String key,
                             String value, Map<String, String> headers, Instant deadLetteredAt, Instant replayedAt,
                             String replayedBy) {

    /**
     * A record's place in Kafka.
     *
     * @param topic     topic
     * @param partition partition, or {@code null}
     * @param offset    offset, or {@code null}
     */
    public record Position(String topic, Integer partition, Long offset) {
    }

    /**
     * @param d a stored dead letter
     * @return its view
     */
    public static DeadLetterView of(DeadLetter d) {
        return new DeadLetterView(d.id(), d.service(), d.consumerGroup(), d.channel(), d.exceptionClass(), d.reason(),
                d.causeClass(), d.cause(), d.attempts(), d.eventId(), d.eventType(), d.jobId(),
                new Position(d.originalTopic(), d.originalPartition(), d.originalOffset()),
                new Position(d.dlqTopic(), d.dlqPartition(), d.dlqOffset()), d.recordKey(), d.value(), d.headers(),
                d.deadLetteredAt() == null ? d.receivedAt() : d.deadLetteredAt(), d.replayedAt(), d.replayedBy());
    }
}
