package dev.pavu.updater.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit-log row: SHA-256 (lower-case hex, 64 characters) over the UTF-8 bytes of the RFC 8785
 * JSON Canonicalization Scheme (JCS, library {@code io.github.erdtman:java-json-canonicalization}) form of
 *
 * <pre>{"jobSeq":n,"prevHash":"…"|null,"eventId":"…","jobId":"…","type":"…","iteration":i,"causationId":"…"|null,
 *  "occurredAt":"ISO-8601 instant","producer":"…","topic":"…","partition":p,"offset":o,"recordKey":"…"|null,
 *  "payload":{the event as stored}}</pre>
 *
 * <p>JCS sorts keys, fixes number and string forms and drops white space, so the hash depends on the content
 * only. {@code payload} is the {@code jsonb} column's text and {@code occurredAt} the {@code timestamptz} as stored
 * (microseconds), so that what the appender hashes is exactly what a verifier reads back. {@code seq} (the global
 * log position) and {@code received_at} are not hashed: the chain orders a job's events by {@code jobSeq}.
 */
public final class EventHash {

    /** {@code prevHash} of a job's first hashed event. */
    public static final String GENESIS = null;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventHash() {
    }

    /**
     * The fields a hash covers.
     *
     * @param jobSeq      position of the event in its job, from 1
     * @param prevHash    hash of the job's previous event, or {@code null} for the first hashed one
     * @param eventId     envelope id
     * @param jobId       job
     * @param type        versioned event type
     * @param iteration   envelope iteration
     * @param causationId envelope causation id, or {@code null}
     * @param occurredAt  envelope time as stored (microseconds)
     * @param producer    producing service
     * @param topic       Kafka topic read from
     * @param partition   Kafka partition
     * @param offset      Kafka offset
     * @param recordKey   Kafka record key, or {@code null}
     * @param payloadJson the event JSON as stored ({@code jsonb} text)
     */
    public record Content(long jobSeq, String prevHash, UUID eventId, UUID jobId, String type, int iteration,
                          UUID causationId, Instant occurredAt, String producer, String topic, int partition,
                          long offset, String recordKey, String payloadJson) {
    }

    /**
     * @param c the row's content, position and link
     * @return the 64-character lower-case hex SHA-256 of its canonical form
     * @throws IllegalArgumentException when the payload is not JSON (a row changed by hand can be anything)
     */
    public static String of(Content c) {
        return sha256(canonical(c));
    }

    /**
     * @param c the row's content, position and link
     * @return its RFC 8785 canonical JSON
     * @throws IllegalArgumentException when the payload is not JSON
     */
    public static String canonical(Content c) {
        ObjectNode head = JSON.createObjectNode();
        head.put("jobSeq", c.jobSeq());
        head.put("prevHash", c.prevHash());
        head.put("eventId", str(c.eventId()));
        head.put("jobId", str(c.jobId()));
        head.put("type", c.type());
        head.put("iteration", c.iteration());
        head.put("causationId", str(c.causationId()));
        head.put("occurredAt", c.occurredAt() == null ? null : c.occurredAt().toString());
        head.put("producer", c.producer());
        head.put("topic", c.topic());
        head.put("partition", c.partition());
        head.put("offset", c.offset());
        head.put("recordKey", c.recordKey());
        try {
            String fields = JSON.writeValueAsString(head);
            String whole = fields.substring(0, fields.length() - 1) + ",\"payload\":"
                    + (c.payloadJson() == null ? "null" : c.payloadJson()) + "}";
            return new JsonCanonicalizer(whole).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the fields of event " + c.eventId(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("event " + c.eventId() + " has a payload that is not canonical JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
