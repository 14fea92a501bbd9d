package dev.pavu.updater.messaging;

import dev.pavu.updater.service.AuditService;
import dev.pavu.updater.service.AuditService.Origin;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads all four Pavu topics (consumer group {@code updater-service}, from the earliest offset) and records
 * every event in the audit log.
 *
 * <p>Each method runs on a worker thread in its own transaction. A record that is not a readable Pavu event
 * throws {@link dev.pavu.contracts.EventFormatException}: the message is nacked and the connector's
 * {@code dead-letter-queue} strategy moves it to {@code pavu.dlq.<channel>} with the reason; the channel goes on.
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
    @Transactional
    public void jobs(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.plans}: PlanProposed, CandidatesProposed */
    @Incoming("plans-in")
    @Blocking
    @Transactional
    public void plans(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.diffs}: DiffProposed */
    @Incoming("diffs-in")
    @Blocking
    @Transactional
    public void diffs(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    /** @param record a record of {@code pavu.verdicts}: VerdictIssued */
    @Incoming("verdicts-in")
    @Blocking
    @Transactional
    public void verdicts(ConsumerRecord<String, String> record) {
        audit.record(record.value(), origin(record));
    }

    private static Origin origin(ConsumerRecord<String, String> record) {
        return new Origin(record.topic(), record.partition(), record.offset(), record.key());
    }
}
