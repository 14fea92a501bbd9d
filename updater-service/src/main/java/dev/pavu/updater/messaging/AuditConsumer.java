package dev.pavu.updater.messaging;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.updater.service.AuditService;
import dev.pavu.updater.service.AuditService.Origin;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.pavu.contracts.EventFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.pavu.kit.retry.TransientRetry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.OptionalLong;

/**
 * Reads all five Pavu topics (consumer group {@code updater-service}, from the earliest offset) and records
 * every event in the audit log.
 *
 * <p>Each record is handled on a worker thread in its own transaction ({@link AuditService#record}). A record that
 * is not a readable Pavu event throws {@link EventFormatException}, and so does one whose envelope names another
 * producer than its type's or that came on a topic of another kind ({@link EventOrigins#check}: a forged event is
 * never written to the audit log): the message is nacked at once and the
 * service-kit {@code pavu-dead-letter} strategy moves it to {@code <topic>.dlq.updater-service} with the reason and
 * the consumer's headers; the channel goes on. A transient failure (the database restarting, a lost connection) is
 * retried ({@link TransientRetry}, each attempt in a fresh transaction, {@code pavu.retry.max-duration}) before the
 * record goes to the dead-letter topic too, with the number of attempts: the audit log is the source of truth and
 * should not lose a readable event to a short outage.
 *
 * <p>Each readable event's handling is a span {@code updater handle <type>} in its job's trace ({@link JobTraces}),
 * with the log's {@code pavu.audit.seq} (or {@code pavu.audit.duplicate=true} for a redelivery), so a job's trace
 * shows where each of its events was written to the audit log.
 */
@ApplicationScoped
public class AuditConsumer {

    private final AuditService audit;
    private final TransientRetry retry;
    private final JobTraces traces;

    public AuditConsumer(AuditService audit, TransientRetry retry, JobTraces traces) {
        this.audit = audit;
        this.retry = retry;
        this.traces = traces;
    }

    /** @param record a record of {@code pavu.jobs}: JobSubmitted, JobConcluded, JobCancelled */
    @Incoming("jobs-in")
    @Blocking
    public void jobs(ConsumerRecord<String, String> record) {
        record(record);
    }

    /** @param record a record of {@code pavu.plans}: PlanProposed */
    @Incoming("plans-in")
    @Blocking
    public void plans(ConsumerRecord<String, String> record) {
        record(record);
    }

    /** @param record a record of {@code pavu.candidates}: CandidatesProposed */
    @Incoming("candidates-in")
    @Blocking
    public void candidates(ConsumerRecord<String, String> record) {
        record(record);
    }

    /** @param record a record of {@code pavu.diffs}: DiffProposed */
    @Incoming("diffs-in")
    @Blocking
    public void diffs(ConsumerRecord<String, String> record) {
        record(record);
    }

    /** @param record a record of {@code pavu.verdicts}: VerdictIssued */
    @Incoming("verdicts-in")
    @Blocking
    public void verdicts(ConsumerRecord<String, String> record) {
        record(record);
    }

    private void record(ConsumerRecord<String, String> record) {
        // read once more than AuditService does, to know the job before the transaction (an unreadable value throws
        // EventFormatException here, as it did inside it: the record goes to the dead-letter topic)
        PavuEvent event = EventOrigins.check(EventCodec.read(record.value()), record.topic());
        try (JobSpan span = traces.handling("updater", event)) {
            span.attribute("messaging.destination.name", record.topic());
            try {
                OptionalLong seq = retry.call(() -> audit.record(record.value(), origin(record)));
                if (seq.isPresent()) {
                    span.attribute("pavu.audit.seq", seq.getAsLong());
                } else {
                    span.attribute("pavu.audit.duplicate", "true");
                }
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private static Origin origin(ConsumerRecord<String, String> record) {
        return new Origin(record.topic(), record.partition(), record.offset(), record.key());
    }
}
