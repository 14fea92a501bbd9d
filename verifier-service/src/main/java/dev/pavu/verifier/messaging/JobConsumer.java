package dev.pavu.verifier.messaging;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobExpired;
import dev.pavu.verifier.retention.ExpiredJobs;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.verifier.repository.ConcludedJobRepository;
import io.quarkus.logging.Log;
import dev.pavu.kit.retry.TransientRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code pavu.jobs} (channel {@code jobs-in}) and records jobs that concluded or were cancelled, so
 * that their remaining candidates are skipped (and a running one is stopped), and hands {@link JobExpired} to
 * {@link ExpiredJobs} (retention: the job's logs, workspaces and runs go). Other job events are ignored;
 * a malformed record goes to {@code pavu.jobs.dlq.verifier-service}; a transient failure is retried first ({@link TransientRetry}).
 */
@ApplicationScoped
public class JobConsumer {

    static final String CONSUMER = ExpiredJobs.CONSUMER;

    private final ProcessedEvents processed;
    private final ConcludedJobRepository jobs;
    private final TransientRetry retry;
    private final ExpiredJobs expiredJobs;

    public JobConsumer(ProcessedEvents processed, ConcludedJobRepository jobs, TransientRetry retry, ExpiredJobs expiredJobs) {
        this.expiredJobs = expiredJobs;
        this.processed = processed;
        this.jobs = jobs;
        this.retry = retry;
    }

    /**
     * @param json one job event
     * @throws dev.pavu.contracts.EventFormatException when the record is not a Pavu event
     */
    @Incoming("jobs-in")
    @Blocking
    public void onJob(String json) {
        PavuEvent event = EventOrigins.check(EventCodec.read(json), null);
        if (event instanceof JobExpired expired) {
            expiredJobs.expire(expired);
            return;
        }
        if (!(event instanceof JobConcluded) && !(event instanceof JobCancelled)) {
            return;
        }
        String outcome = event instanceof JobConcluded c ? c.outcome().name() : "CANCELLED";
        boolean first = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (!processed.firstTime(event.eventId(), CONSUMER)) {
                return false;
            }
            jobs.record(event.jobId(), event.envelope().type(), outcome, event.eventId());
            return true;
        }));
        if (!first) {
            return;
        }
        Log.infof("job %s ended (%s): its remaining candidates will be skipped", event.jobId(), outcome);
    }
}
