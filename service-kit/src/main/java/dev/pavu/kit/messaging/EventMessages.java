package dev.pavu.kit.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.PavuEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;

/**
 * Turns a Pavu event into the Kafka message every service sends: JSON value, the key of DESIGN.md
 * (candidate id for {@link DiffProposed}, job id otherwise) and CloudEvents metadata
 * ({@code ce_id} = event id, {@code ce_type} = versioned type, {@code ce_source} = producer,
 * {@code ce_subject} = job id), written as {@code ce_*} headers by the SmallRye Kafka connector.
 */
public final class EventMessages {

    private EventMessages() {
    }

    /**
     * @param event the event to send
     * @return its record key: candidate id for diffs, job id otherwise
     */
    public static String keyOf(PavuEvent event) {
        if (event instanceof DiffProposed d) {
            return d.candidateId().toString();
        }
        return event.jobId().toString();
    }

    /**
     * @param event the event to send
     * @return a message carrying the event's JSON, Kafka key and CloudEvents metadata
     */
    public static Message<String> of(PavuEvent event) {
        return of(event, EventCodec.write(event));
    }

    /**
     * @param event the event to send
     * @param json  its JSON exactly as stored (the outbox sends the bytes it stored, not a re-encoding)
     * @return a message carrying that JSON, the event's Kafka key and CloudEvents metadata
     */
    public static Message<String> of(PavuEvent event, String json) {
        return of(event, json, keyOf(event), null);
    }

    /**
     * @param event the event to send
     * @param json  its JSON exactly as stored
     * @param key   the record key (as stored with it)
     * @param topic the topic to send to, overriding the channel's configured one; {@code null} keeps the channel's
     * @return a message carrying that JSON, key, destination and the event's CloudEvents metadata
     */
    public static Message<String> of(PavuEvent event, String json, String key, String topic) {
        var env = event.envelope();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (topic != null) {
            kafka = kafka.withTopic(topic);
        }
        return Message.of(json)
                .addMetadata(kafka.build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(env.eventId().toString())
                        .withType(env.type())
                        .withSource(URI.create("urn:pavu:" + env.producer()))
                        .withSubject(env.jobId().toString())
                        .withTimestamp(env.occurredAt().atZone(java.time.ZoneOffset.UTC))
                        .build());
    }
}
