package dev.pavu.updater.messaging;

import dev.pavu.updater.service.AuditService;
import dev.pavu.updater.service.AuditService.Origin;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.pavu.contracts.EventFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * Reads all four Pavu topics (consumer group {@code updater-service}, from the earliest offset) and records
 * every event in the audit log.
 *
 * <p>Each record is handled on a worker thread in its own transaction ({@link AuditService#record}). A record that
 * is not a readable Pavu event throws {@link EventFormatException}: the message is nacked at once and the
 * connector's {@code dead-letter-queue} strategy moves it to {@code pavu.dlq.<channel>} with the reason; the channel
 * goes on. Any other failure (the database restarting, a lost connection) is retried, each attempt in a fresh
 * transaction, for up to five minutes before the record goes to the dead-letter topic too: the audit log is the
 * source of truth and should not lose a readable event to a short outage.
 */
@ApplicationScoped
public class AuditConsumer {

    private final AuditService audit;

    public AuditConsumer(AuditService audit) {
        this.audit = audit;
    }

    /** @param record a record of {@code pavu.jobs}: JobSubmitted, JobConcluded, JobCancelled */
    @Incoming("jobs-in")
    @Blocking
    @Retry(maxRetries = 100, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = EventFormatException.class)
    public void jobs(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.plans}: PlanProposed, CandidatesProposed */
    @Incoming("plans-in")
    @Blocking
    @Retry(maxRetries = 100, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = EventFormatException.class)
    public void plans(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.diffs}: DiffProposed */
    @Incoming("diffs-in")
    @Blocking
    @Retry(maxRetries = 100, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = EventFormatException.class)
    public void diffs(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.verdicts}: VerdictIssued */
    @Incoming("verdicts-in")
    @Blocking
    @Retry(maxRetries = 100, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = EventFormatException.class)
    public void verdicts(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    private static Origin origin(ConsumerRecord<String, String> record) {
        return new Origin(record.topic(), record.partition(), record.offset(), record.key());
    }
}
