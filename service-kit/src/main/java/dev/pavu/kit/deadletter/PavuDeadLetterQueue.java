package dev.pavu.kit.deadletter;

import dev.pavu.kit.retry.Attempts;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Pavu's failure strategy ({@code failure-strategy=pavu-dead-letter}): SmallRye Kafka's {@code dead-letter-queue}
 * strategy, with headers that make a dead letter operable — the consuming service, its consumer group and channel,
 * the number of attempts ({@link Attempts}, recorded by the retry), the time and the failed record's own timestamp
 * ({@link DeadLetterHeaders}). The
 * connector itself writes the exception class and message, the cause, and the original topic, partition and offset,
 * and copies the original headers. The failure is first unwrapped from the messaging layer's wrappers, so the
 * exception named is the consumer's own.
 *
 * <p>The dead-letter topic is the channel's {@code dead-letter-queue.topic}; Pavu names it
 * {@code <original-topic>.dlq.<consumer-group>} ({@link DeadLetterHeaders#topicFor}); unset, it is derived that way
 * here too (rather than SmallRye's shared {@code dead-letter-topic-<channel>}).
 */
@ApplicationScoped
@Identifier(PavuDeadLetterQueue.STRATEGY)
public class PavuDeadLetterQueue implements KafkaFailureHandler.Factory {

    /** The value of a channel's {@code failure-strategy} that selects this handler. */
    public static final String STRATEGY = "pavu-dead-letter";

    private final KafkaFailureHandler.Factory delegate;
    private final DeadLetterConfig config;

    /**
     * @param delegate SmallRye's dead-letter-queue factory
     * @param config   pavu.dead-letters.*
     */
    public PavuDeadLetterQueue(@Identifier("dead-letter-queue") KafkaFailureHandler.Factory delegate,
                               DeadLetterConfig config) {
        this.delegate = delegate;
        this.config = config;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration conf, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler inner = delegate.create(conf, vertx, consumer, reportFailure);
        String group = conf.getGroupId().orElse("unknown");
        String channel = conf.getChannel();
        String service = config.service();
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                Throwable own = unwrap(reason);
                RecordHeaders extra = new RecordHeaders();
                DeadLetterHeaders.addPavu(extra, service, group, channel, Attempts.of(reason),
                        record.getTimestamp() == null ? -1 : record.getTimestamp().toEpochMilli());
                OutgoingKafkaRecordMetadata<?> given = metadata == null ? null
                        : metadata.get(OutgoingKafkaRecordMetadata.class).orElse(null);
                if (given != null && given.getHeaders() != null) {
                    given.getHeaders().forEach(extra::add);
                }
                var builder = OutgoingKafkaRecordMetadata.builder().withHeaders(extra);
                if (given != null && given.getTopic() != null) {
                    builder = builder.withTopic(given.getTopic());
                }
                Metadata md = (metadata == null ? Metadata.empty() : metadata).with(builder.build());
                return inner.handle(record, own, md);
            }

            @Override
            public void terminate() {
                inner.terminate();
            }
        };
    }

    /** The consumer's own exception: without the invoker's and futures' wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c
                && (c instanceof CompletionException || c instanceof InvocationTargetException
                || c.getClass().getName().equals("io.smallrye.reactive.messaging.providers.ProcessingException")
                || c.getClass().getName().endsWith(".ProcessingException"))) {
            c = c.getCause();
        }
        return c;
    }
}
