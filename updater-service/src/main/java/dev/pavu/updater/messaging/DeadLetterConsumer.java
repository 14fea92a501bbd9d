package dev.pavu.updater.messaging;

import dev.pavu.kit.retry.TransientRetry;
import dev.pavu.updater.service.DeadLetterService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every dead-letter topic ({@code <topic>.dlq.<consumer-group>}, channel {@code dead-letters-in}: a pattern
 * subscription of its own consumer group, which picks up a new dead-letter topic within
 * {@code metadata.max.age.ms}) into {@code updater.dead_letters}, once per topic/partition/offset. A transient failure
 * is retried ({@link TransientRetry}); the channel's failure strategy is {@code ignore} (logged): a dead letter of a
 * dead letter would go nowhere useful.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private final DeadLetterService service;
    private final TransientRetry retry;

    public DeadLetterConsumer(DeadLetterService service, TransientRetry retry) {
        this.service = service;
        this.retry = retry;
    }

    /** @param record a record of a dead-letter topic */
    @Incoming("dead-letters-in")
    @Blocking
    public void deadLetter(ConsumerRecord<String, String> record) {
        retry.run(() -> service.ingest(record));
    }
}
