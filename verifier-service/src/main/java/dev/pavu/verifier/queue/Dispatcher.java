package dev.pavu.verifier.queue;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.messaging.DeadLetters;
import dev.pavu.verifier.service.VerificationService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The verifier's worker threads ({@code pavu.verifier.worker-threads} per process): each takes the next queued
 * candidate ({@link CandidateQueue#take}: priority, then turns between jobs, then rank), verifies it
 * ({@link VerificationService#handle}) and removes it from the queue. While the workers are paused
 * ({@link WorkerControl}) no thread takes a candidate: queued ones wait, the ones running finish. An unexpected failure
 * of a candidate's verification sends its Kafka record to the dead-letter topic ({@link DeadLetters}). Idle threads
 * look at the queue every {@value #IDLE_MS} ms, or at once when this process queued something ({@link #wake}).
 */
@ApplicationScoped
public class Dispatcher {

    /** How long an idle or paused thread waits before looking again, in milliseconds. */
    static final long IDLE_MS = 1000;

    private final CandidateQueue queue;
    private final WorkerControl control;
    private final VerificationService service;
    private final DeadLetters deadLetters;
    private final VerifierConfig config;
    private final JobTraces traces;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long lastAlive;

    public Dispatcher(CandidateQueue queue, WorkerControl control, VerificationService service, DeadLetters deadLetters,
                      VerifierConfig config, JobTraces traces) {
        this.queue = queue;
        this.control = control;
        this.service = service;
        this.deadLetters = deadLetters;
        this.config = config;
        this.traces = traces;
    }

    void onStart(@Observes StartupEvent ev) {
        int n = Math.max(1, config.workerThreads());
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().daemon().name("verifier-worker-" + i).start(this::loop));
        }
        Log.infof("verifier worker %s: %d worker thread(s) take candidates from the queue", service.workerId(), n);
    }

    void onStop(@Observes ShutdownEvent ev) {
        stopping = true;
        wake();
    }

    /** Tells idle threads that a candidate was queued. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                if (!step()) {
                    idle();
                }
            } catch (RuntimeException e) {
                Log.warnf("verifier worker thread: %s; retrying in %d ms", e.getMessage(), IDLE_MS);
                idle();
            }
        }
    }

    /** @return whether a candidate was handled (false: paused or nothing waiting) */
    private boolean step() {
        alive();
        if (QuarkusTransaction.requiringNew().call(() -> control.state().paused())) {
            return false;
        }
        Optional<CandidateQueue.Taken> next = QuarkusTransaction.requiringNew()
                .call(() -> queue.take(service.workerId(), config.staleAfter()));
        if (next.isEmpty()) {
            return false;
        }
        CandidateQueue.Taken t = next.get();
        try {
            DiffProposed diff = EventCodec.read(t.diffJson(), DiffProposed.class);
            try (JobSpan span = traces.handling("verifier", diff)) {
                try {
                    service.handle(diff);
                } catch (RuntimeException e) {
                    span.failed(e);
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "candidate %s could not be verified", t.candidateId());
            CandidateQueue.Origin o = t.origin();
            deadLetters.send(o == null ? new ConsumerRecord<>("pavu.diffs", -1, -1, t.candidateId().toString(), t.diffJson())
                    : new ConsumerRecord<>(o.topic(), o.partition(), o.offset(), o.key(), t.diffJson()), e);
        }
        QuarkusTransaction.requiringNew().run(() -> queue.done(t.candidateId(), service.workerId()));
        return true;
    }

    private void alive() {
        long now = System.nanoTime();
        if (now - lastAlive < TimeUnit.SECONDS.toNanos(5)) {
            return;
        }
        lastAlive = now;
        QuarkusTransaction.requiringNew().run(() -> control.alive(service.workerId(), Math.max(1, config.workerThreads())));
    }

    private void idle() {
        synchronized (signal) {
            try {
                signal.wait(IDLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
