package dev.pavu.verifier.messaging;

import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.verifier.service.VerificationService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candidates from {@code pavu.diffs} (channel {@code diffs-in}, group {@code verifier-service}) in
 * batches ({@code batch=true}, up to {@code max.poll.records} records) and verifies each batch one
 * candidate at a time, most promising first ({@link CandidateOrder}).
 *
 * <p>Why batches: diffs are keyed by candidate id so that a consumer group spreads one job's candidates
 * over its workers; a worker therefore reads them partition after partition, not in the actuator's rank
 * order. Sorting what one poll returned restores "validate the most promising first".
 *
 * <p>A record that is not a valid {@link DiffProposed}, or whose verification fails unexpectedly, goes to
 * {@code pavu.diffs.dlq.verifier-service} with the reason ({@link DeadLetters}); the rest of the batch goes on.
 */
@ApplicationScoped
public class DiffConsumer {

    private final VerificationService service;
    private final DeadLetters deadLetters;
    private final JobTraces traces;

    public DiffConsumer(VerificationService service, DeadLetters deadLetters, JobTraces traces) {
        this.service = service;
        this.deadLetters = deadLetters;
        this.traces = traces;
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
                batch.add(EventCodec.read(r.value(), DiffProposed.class));
                sources.add(r);
            } catch (EventFormatException e) {
                deadLetters.send(r, e);
            }
        }
        List<Integer> order = CandidateOrder.mostPromisingFirst(batch);
        if (batch.size() > 1) {
            Log.debugf("verifying %d candidates of one poll in the order %s", batch.size(), order);
        }
        for (int i : order) {
            try (JobSpan span = traces.handling("verifier", batch.get(i))) {
                try {
                    service.handle(batch.get(i));
                } catch (RuntimeException e) {
                    span.failed(e);
                    Log.errorf(e, "candidate %s could not be verified", batch.get(i).candidateId());
                    deadLetters.send(sources.get(i), e);
                }
            }
        }
    }
}
