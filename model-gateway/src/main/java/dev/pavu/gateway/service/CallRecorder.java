package dev.pavu.gateway.service;

import dev.pavu.gateway.repository.ModelCall;
import dev.pavu.gateway.repository.ModelCallRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@link ModelCall} rows off the request path: calls are queued and a single writer thread inserts
 * them in batches (one transaction per batch), so recording adds no database round trip to a call's
 * latency. The queue is drained at shutdown. When the database is down, the batch is logged and dropped.
 */
@ApplicationScoped
public class CallRecorder {

    private static final int BATCH = 200;

    private final ModelCallRepository calls;
    private final BlockingQueue<ModelCall> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean writing;

    /** @param calls the repository */
    public CallRecorder(ModelCallRepository calls) {
        this.calls = calls;
        this.writer = Thread.ofPlatform().name("gateway-call-recorder").daemon().start(this::run);
    }

    /**
     * Queues a call for recording.
     *
     * @param call the row to insert
     */
    public void record(ModelCall call) {
        if (!queue.offer(call)) {
            Log.warnf("call recorder queue full: call %s of alias %s not recorded", call.requestHash, call.alias);
        }
    }

    /**
     * Waits until every queued call is written (for tests and shutdown).
     *
     * @param timeoutMs how long to wait at most, milliseconds
     * @return whether the queue was drained in time
     */
    public boolean flush(long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            synchronized (this) {
                if (queue.isEmpty() && !writing) {
                    return true;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void run() {
        List<ModelCall> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                ModelCall first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (this) {
                    writing = true;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                synchronized (this) {
                    writing = false;
                }
            }
        }
    }

    private void write(List<ModelCall> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (ModelCall c : batch) {
                    calls.persist(c);
                }
            });
        } catch (RuntimeException e) {
            Log.errorf("could not record %d model calls: %s", batch.size(), e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush(5_000);
        running = false;
    }
}
