package dev.pavu.updater.service;

import dev.pavu.contracts.Topics;
import dev.pavu.updater.repository.DeadLetter;
import dev.pavu.updater.repository.DeadLetterRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays a dead letter: re-publishes its original value, key and headers (so the same event id, {@code ce_id} and
 * the envelope's) once, to the retry topic of the consumer group that gave up on it
 * ({@code <topic>.retry.<group>}, {@link Topics#retryOf}), which that group reads beside the original topic. The
 * updater may not write the event topics themselves (Kafka ACLs: only the verifier publishes verdicts), and no other
 * consumer group sees the record again. The replay is recorded first (who, when) in a transaction that locks the row,
 * so a second replay — concurrent or later — is refused; when the broker does not take the record the mark is taken
 * back and the replay may be asked again.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** Header added to a replayed record: the id of the dead letter it replays. */
    public static final String REPLAY_OF = "pavu-replay-of";

    private final DeadLetterRepository letters;
    private final Emitter<String> emitter;

    public DeadLetterReplay(DeadLetterRepository letters, @Channel("replays-out") Emitter<String> emitter) {
        this.letters = letters;
        this.emitter = emitter;
    }

    /** Why a replay did not happen. */
    public enum Refusal { NOT_FOUND, ALREADY_REPLAYED, NO_ORIGIN, BROKER }

    /** A refused replay: the reason and a sentence for the operator. */
    public static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal, String detail) {
            super(detail);
            this.refusal = refusal;
        }

        /** @return why */
        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * @param id the dead letter
     * @param by who asks (recorded)
     * @return the dead letter as now stored (replayed)
     * @throws Refused NOT_FOUND, ALREADY_REPLAYED (with when and by whom), NO_ORIGIN (no original topic header),
     *                 BROKER (not acknowledged within 30 s; not marked replayed)
     */
    public DeadLetter replay(long id, String by) {
        DeadLetter d = QuarkusTransaction.requiringNew().call(() -> {
            DeadLetter found = letters.lock(id).orElseThrow(() -> new Refused(Refusal.NOT_FOUND, "no dead letter " + id));
            if (found.replayedAt() != null) {
                throw new Refused(Refusal.ALREADY_REPLAYED, "dead letter " + id + " was replayed at " + found.replayedAt()
                        + " by " + found.replayedBy() + "; a replay is done once (the record is on "
                        + Topics.retryOf(found.dlqTopic()) + ")");
            }
            if (found.originalTopic() == null || found.originalTopic().isBlank()
                    || !found.dlqTopic().contains(Topics.DLQ_INFIX)) {
                throw new Refused(Refusal.NO_ORIGIN, "dead letter " + id + " does not name its original topic, or its "
                        + "dead-letter topic " + found.dlqTopic() + " is not <topic>.dlq.<group>");
            }
            letters.markReplayed(id, by);
            return found;
        });
        String retryTopic = Topics.retryOf(d.dlqTopic());
        try {
            send(d, retryTopic);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> letters.unmarkReplayed(id));
            throw new Refused(Refusal.BROKER, "dead letter " + id + " could not be re-published to " + retryTopic
                    + ": " + e.getMessage() + " (not marked replayed; try again)");
        }
        Log.infof("dead letter %d replayed to %s by %s (event %s of job %s)", id, retryTopic, by, d.eventId(),
                d.jobId());
        return letters.find(id).orElseThrow();
    }

    private void send(DeadLetter d, String retryTopic) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : d.headers().entrySet()) {
            headers.add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(REPLAY_OF, Long.toString(d.id()).getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var meta = OutgoingKafkaRecordMetadata.<String>builder().withTopic(retryTopic).withKey(d.recordKey())
                .withHeaders(headers).build();
        emitter.send(Message.of(d.value() == null ? "" : d.value()).addMetadata(meta)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acked.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement within 30 s", e);
        }
    }
}
