package dev.pavu.verifier.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.kit.retry.TransientRetry;
import dev.pavu.verifier.queue.CandidateQueue;
import dev.pavu.verifier.queue.Dispatcher;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candidates from {@code pavu.diffs} (channel {@code diffs-in}, group {@code verifier-service}) in batches
 * ({@code batch=true}, up to {@code max.poll.records} records) and queues them ({@link CandidateQueue}, one transaction
 * per batch); the worker threads ({@link Dispatcher}) verify them from there, highest job priority first, taking turns
 * between the jobs of one priority. The queue is shared by every verifier process on the database, so what one process
 * read is served in priority order by all of them, and pausing the workers loses nothing: queued candidates wait.
 *
 * <p>A record that is not a valid {@link DiffProposed} goes to {@code pavu.diffs.dlq.verifier-service} with the reason
 * ({@link DeadLetters}); the rest of the batch goes on.
 */
@ApplicationScoped
public class DiffConsumer {

    private final CandidateQueue queue;
    private final Dispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final TransientRetry retry;

    public DiffConsumer(CandidateQueue queue, Dispatcher dispatcher, DeadLetters deadLetters, TransientRetry retry) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.retry = retry;
    }

    /**
     * @param records one poll's records of {@code pavu.diffs}
     */
    @Incoming("diffs-in")
    @Blocking(ordered = true)
    public void onDiffs(ConsumerRecords<String, String> records) {
        List<DiffProposed> batch = new ArrayList<>();
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                batch.add(EventOrigins.check(EventCodec.read(r.value(), DiffProposed.class), null));
                sources.add(r);
            } catch (EventFormatException e) {
                deadLetters.send(r, e);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        int added = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (int i = 0; i < batch.size(); i++) {
                ConsumerRecord<String, String> r = sources.get(i);
                if (queue.add(batch.get(i), r.value(), new CandidateQueue.Origin(r.topic(), r.partition(), r.offset(), r.key()))) {
                    n++;
                }
            }
            return n;
        }));
        Log.debugf("queued %d of %d candidates read", added, batch.size());
        dispatcher.wake();
    }
}
