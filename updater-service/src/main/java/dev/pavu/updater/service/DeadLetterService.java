package dev.pavu.updater.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.kit.deadletter.DeadLetterHeaders;
import dev.pavu.updater.repository.DeadLetter;
import dev.pavu.updater.repository.DeadLetterRepository;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.StoredEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Stores the records of the dead-letter topics ({@link #ingest}) and leaves a gap marker in the job's audit trail:
 * an entry of type {@value #GAP_TYPE} saying which consumer gave up on which event and why. Replays go through
 * {@link DeadLetterReplay}.
 */
@ApplicationScoped
public class DeadLetterService {

    /** Type of the audit-trail entry that marks a dead-lettered event of a job. */
    public static final String GAP_TYPE = "pavu.dead-lettered.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetterRepository letters;
    private final EventRepository events;

    public DeadLetterService(DeadLetterRepository letters, EventRepository events) {
        this.letters = letters;
        this.events = events;
    }

    /**
     * Stores one dead-letter record, once per topic/partition/offset/timestamp, and when its job is known appends the gap
     * marker to that job's audit trail, in one transaction.
     *
     * @param r a record of a dead-letter topic
     * @return the dead letter's id, or empty when it had been stored before (a redelivery)
     */
    @Transactional
    public OptionalLong ingest(ConsumerRecord<String, String> r) {
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> dl = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            String v = h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
            if (h.key().startsWith("dead-letter-") || h.key().startsWith("pavu-dlq-")) {
                dl.put(h.key(), v);
            } else {
                own.put(h.key(), v);
            }
        }
        JsonNode envelope = envelopeOf(r.value());
        UUID eventId = uuid(own.get("ce_id"), text(envelope, "eventId"));
        UUID jobId = uuid(own.get("ce_subject"), text(envelope, "jobId"));
        String type = first(own.get("ce_type"), text(envelope, "type"));
        DeadLetter d = new DeadLetter(0, r.topic(), r.partition(), r.offset(), dl.get(DeadLetterHeaders.TOPIC),
                integer(dl.get(DeadLetterHeaders.PARTITION)), longValue(dl.get(DeadLetterHeaders.OFFSET)),
                dl.get(DeadLetterHeaders.SERVICE), dl.get(DeadLetterHeaders.GROUP), dl.get(DeadLetterHeaders.CHANNEL),
                dl.get(DeadLetterHeaders.EXCEPTION_CLASS), dl.get(DeadLetterHeaders.REASON),
                dl.get(DeadLetterHeaders.CAUSE_CLASS), dl.get(DeadLetterHeaders.CAUSE),
                integer(dl.get(DeadLetterHeaders.ATTEMPTS)), eventId, type, jobId, r.key(), r.value(), own,
                instant(dl.get(DeadLetterHeaders.AT)), null, null, null);
        OptionalLong id = letters.insert(d, r.timestamp());
        if (id.isPresent()) {
            Log.warnf("dead letter %d: %s gave up on %s %s of job %s (%s-%s@%s) after %s attempt(s): %s", id.getAsLong(),
                    d.service(), type, eventId, jobId, d.originalTopic(), d.originalPartition(), d.originalOffset(),
                    d.attempts(), d.reason());
            if (jobId != null) {
                gap(id.getAsLong(), d, envelope, dl.get(DeadLetterHeaders.ORIGINAL_TIMESTAMP), r.timestamp());
            }
        }
        return id;
    }

    /**
     * Appends the gap marker of a dead letter to its job's audit trail, idempotent by a name-based event id
     * ({@link #markerId}).
     */
    private void gap(long id, DeadLetter d, JsonNode envelope, String originalTimestamp, long dlqTimestamp) {
        UUID markerId = markerId(d, originalTimestamp, dlqTimestamp);
        int iteration = envelope != null && envelope.path("iteration").canConvertToInt() ? envelope.path("iteration").asInt() : 0;
        Instant at = d.deadLetteredAt() == null ? Instant.now() : d.deadLetteredAt();
        String producer = d.service() == null ? "unknown" : d.service();
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode env = payload.putObject("envelope");
        env.put("type", GAP_TYPE);
        env.put("eventId", markerId.toString());
        env.put("jobId", d.jobId().toString());
        env.put("iteration", iteration);
        env.put("causationId", d.eventId() == null ? null : d.eventId().toString());
        env.put("producer", producer);
        env.put("occurredAt", at.toString());
        payload.put("deadLetterId", id);
        payload.put("eventType", d.eventType());
        payload.put("consumer", producer);
        payload.put("consumerGroup", d.consumerGroup());
        payload.put("channel", d.channel());
        payload.put("exceptionClass", d.exceptionClass());
        payload.put("reason", d.reason());
        if (d.attempts() != null) {
            payload.put("attempts", d.attempts());
        }
        payload.put("originalTopic", d.originalTopic());
        if (d.originalPartition() != null) {
            payload.put("originalPartition", d.originalPartition());
        }
        if (d.originalOffset() != null) {
            payload.put("originalOffset", d.originalOffset());
        }
        events.append(new StoredEvent(0, markerId, d.jobId(), GAP_TYPE, iteration, d.eventId(), at, producer,
                d.dlqTopic(), d.dlqPartition(), d.dlqOffset(), d.recordKey(), payload.toString(), null));
    }

    /**
     * The gap marker's event id: one per failed record and consumer group. A consumer whose group rebalances after it
     * dead-lettered a record but before it committed the offset gets that record again and dead-letters it a second
     * time (Kafka delivers at least once); both dead letters name the same original topic, partition, offset and
     * record timestamp, and so give the trail one gap. The timestamp keeps two different failures apart when the
     * broker's offsets start again (a recreated topic, a new cluster beside a kept database). A dead letter without
     * those headers (sent by hand) is named by its own position and timestamp.
     *
     * @param d                 a stored dead letter
     * @param originalTimestamp the {@value DeadLetterHeaders#ORIGINAL_TIMESTAMP} header, or {@code null} (older
     *                          dead letters, which are named by the position alone)
     * @param dlqTimestamp      the dead-letter record's own Kafka timestamp, milliseconds since the epoch
     * @return a name-based (type 3) UUID
     */
    static UUID markerId(DeadLetter d, String originalTimestamp, long dlqTimestamp) {
        String name = d.originalTopic() != null && d.originalPartition() != null && d.originalOffset() != null
                ? "pavu-dead-letter:" + d.consumerGroup() + ":" + d.originalTopic() + ":" + d.originalPartition() + ":"
                + d.originalOffset() + (originalTimestamp == null ? "" : "@" + originalTimestamp.strip())
                : "pavu-dead-letter:" + d.dlqTopic() + ":" + d.dlqPartition() + ":" + d.dlqOffset() + "@" + dlqTimestamp;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode envelopeOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode env = JSON.readTree(value).path("envelope");
            return env.isObject() ? env : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static UUID uuid(String a, String b) {
        for (String s : new String[]{a, b}) {
            if (s != null) {
                try {
                    return UUID.fromString(s.strip());
                } catch (IllegalArgumentException ignored) {
                    // not an id: try the next source
                }
            }
        }
        return null;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
