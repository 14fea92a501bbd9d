package dev.pavu.verifier.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one record of a batch to the dead-letter topic of {@code diffs-in} (channel
 * {@code diffs-dead-letter}, topic {@code pavu.diffs.dlq.verifier-service}), with the same headers as the
 * service-kit {@code pavu-dead-letter} failure strategy: SmallRye's {@code dead-letter-reason}, {@code -cause},
 * {@code -exception-class-name}, {@code -topic}, {@code -partition}, {@code -offset}, and Pavu's
 * {@code pavu-dlq-service/-group/-channel/-attempts/-at} (service-kit {@code DeadLetterHeaders}). In batch mode the
 * failure strategy would dead-letter the whole batch, so the consumer does it record by record.
 */
@ApplicationScoped
public class DeadLetters {

    private final Emitter<String> emitter;
    private final String service;
    private final String group;

    /**
     * @param emitter channel {@code diffs-dead-letter}
     * @param config  the service's configuration (its name and the {@code diffs-in} consumer group, for the headers)
     */
    public DeadLetters(@Channel("diffs-dead-letter") Emitter<String> emitter, org.eclipse.microprofile.config.Config config) {
        this.emitter = emitter;
        this.service = config.getOptionalValue("quarkus.application.name", String.class).orElse("verifier-service");
        this.group = config.getOptionalValue("mp.messaging.incoming.diffs-in.group.id", String.class).orElse("unknown");
    }

    /**
     * Sends the record and waits (at most 30 s) for the broker's acknowledgement.
     *
     * @param r   the record that could not be handled
     * @param why the reason
     * @throws IllegalStateException when the broker does not take it (the batch then fails and is redelivered)
     */
    public void send(ConsumerRecord<String, String> r, Throwable why) {
        RecordHeaders headers = new RecordHeaders();
        r.headers().forEach(headers::add);
        header(headers, "dead-letter-reason", why.getMessage() == null ? why.getClass().getName() : why.getMessage());
        if (why.getCause() != null) {
            header(headers, "dead-letter-cause", String.valueOf(why.getCause().getMessage()));
        }
        header(headers, "dead-letter-topic", r.topic());
        header(headers, "dead-letter-partition", Integer.toString(r.partition()));
        header(headers, "dead-letter-offset", Long.toString(r.offset()));
        header(headers, "dead-letter-exception-class-name", why.getClass().getName());
        if (why.getCause() != null) {
            header(headers, "dead-letter-cause-class-name", why.getCause().getClass().getName());
        }
        dev.pavu.kit.deadletter.DeadLetterHeaders.addPavu(headers, service, group, "diffs-in",
                dev.pavu.kit.retry.Attempts.of(why), r.timestamp());
        var sent = new java.util.concurrent.CompletableFuture<Void>();
        emitter.send(Message.of(r.value() == null ? "" : r.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key()).withHeaders(headers).build())
                .withAck(() -> {
                    sent.complete(null);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    sent.completeExceptionally(e);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }));
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + r.topic() + "@" + r.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter " + r.topic() + "@" + r.offset() + ": " + e, e);
        }
    }

    private static void header(RecordHeaders h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
