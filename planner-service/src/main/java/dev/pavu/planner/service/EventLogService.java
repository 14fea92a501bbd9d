package dev.pavu.planner.service;

import dev.pavu.contracts.EventTypes;
import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.client.UpdaterAuditClient;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.repository.JobEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job's events, read from the updater's audit log (the one source of truth): a page at a time, or as a
 * live stream that polls about every 300 ms and ends after the {@code JobConcluded} event.
 */
@ApplicationScoped
public class EventLogService {

    /** Pages of the audit log read for one history at most. */
    public static final int MAX_PAGES = 200;

    /** Poll period of a live stream, milliseconds. */
    static final long POLL_MS = 300;

    private final UpdaterAuditClient client;
    private final PlannerConfig config;
    private final String updaterUrl;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "pavu-event-stream");
        t.setDaemon(true);
        return t;
    });

    public EventLogService(@RestClient UpdaterAuditClient client, PlannerConfig config,
                           @ConfigProperty(name = "quarkus.rest-client.updater.url") String updaterUrl) {
        this.client = client;
        this.config = config;
        this.updaterUrl = updaterUrl;
    }

    /** The audit log could not be read; the message names the updater and the cause. */
    public static class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param jobId the job
     * @param after only events with {@code seq > after}
     * @return the events, oldest first (empty when the updater has none yet)
     * @throws UnavailableException when the updater cannot be reached or fails
     */
    /**
     * A job's whole history in the order it happened: every page of the audit log, sorted by
     * {@code occurredAt} (the producers' clocks), ties broken by {@code seq}. The log's own {@code seq}
     * is arrival order at the updater, which consumes four topics at once, so a candidate can arrive
     * before the job's submission; auditors and reports read the job as it happened.
     *
     * @param jobId the job
     * @return the events, at most {@value #MAX_PAGES} pages of the updater's page size
     * @throws UnavailableException when the updater cannot be reached or fails
     */
    public List<AuditEvent> history(UUID jobId) {
        List<AuditEvent> all = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            long last = after;
            for (AuditEvent e : events(jobId, after)) {
                if (e.seq() > last) {
                    all.add(e);
                    last = e.seq();
                }
            }
            if (last == after) {
                break;
            }
            after = last;
        }
        all.sort(Comparator.comparing((AuditEvent e) -> occurred(e)).thenComparingLong(AuditEvent::seq));
        return all;
    }

    private static Instant occurred(AuditEvent e) {
        try {
            return e.occurredAt() == null ? Instant.MAX : Instant.parse(e.occurredAt());
        } catch (java.time.format.DateTimeParseException ex) {
            return Instant.MAX;
        }
    }

    public List<AuditEvent> events(UUID jobId, long after) {
        try {
            return client.events(jobId, after);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return List.of();
            }
            throw new UnavailableException("the audit log of updater-service at " + updaterUrl + " answered "
                    + (e.getResponse() == null ? "an error" : "HTTP " + e.getResponse().getStatus()), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("the audit log of updater-service at " + updaterUrl
                    + " is not reachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); start it with deploy/local/stack up, or set PAVU_UPDATER_URL", e);
        }
    }

    /**
     * A live stream of a job's events: polls the audit log about every 300 ms, emits each new event once,
     * and completes after {@code JobConcluded}, or {@code pavu.planner.sse-grace-after-conclusion} after the
     * planner concluded the job if the audit log never shows it. Poll failures are logged and retried.
     *
     * @param jobId the job
     * @param after start after this seq (0 for the whole history)
     * @return the stream
     */
    public Multi<AuditEvent> stream(UUID jobId, long after) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicLong last = new AtomicLong(after);
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable poll = () -> {
                if (done.get() || emitter.isCancelled()) {
                    done.set(true);
                    cancel(task);
                    return;
                }
                try {
                    for (AuditEvent e : events(jobId, last.get())) {
                        if (e.seq() <= last.get()) {
                            continue;
                        }
                        last.set(e.seq());
                        emitter.emit(e);
                        if (EventTypes.JOB_CONCLUDED.equals(e.type())) {
                            done.set(true);
                            cancel(task);
                            emitter.complete();
                            return;
                        }
                    }
                    if (concludedLongAgo(jobId)) {
                        done.set(true);
                        cancel(task);
                        emitter.complete();
                    }
                } catch (UnavailableException e) {
                    Log.debugf("event stream of job %s: %s", jobId, e.getMessage());
                    if (concludedLongAgo(jobId)) {
                        done.set(true);
                        cancel(task);
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    Log.warnf(e, "event stream of job %s failed", jobId);
                    done.set(true);
                    cancel(task);
                    emitter.fail(e);
                }
            };
            task.set(poller.scheduleWithFixedDelay(poll, 0, POLL_MS, TimeUnit.MILLISECONDS));
            emitter.onTermination(() -> {
                done.set(true);
                cancel(task);
            });
        });
    }

    private boolean concludedLongAgo(UUID jobId) {
        Instant concludedAt = QuarkusTransaction.joiningExisting().call(() -> {
            JobEntity j = JobEntity.findById(jobId);
            return j == null ? null : j.concludedAt;
        });
        return concludedAt != null && concludedAt.plus(config.sseGraceAfterConclusion()).isBefore(Instant.now());
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
