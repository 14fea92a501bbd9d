package dev.pavu.updater.service;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.FailureKinds;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobExpired;
import dev.pavu.contracts.ResultBranchDelivered;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.updater.config.UpdaterConfig;
import dev.pavu.updater.graph.GraphRequests;
import dev.pavu.updater.lesson.LessonService;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.JobSummaryRepository;
import dev.pavu.updater.repository.JobSummaryRepository.State;
import dev.pavu.updater.repository.StoredEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.OptionalLong;

/**
 * Records one event: appends it to the audit log and folds it into its job's summary, exactly once; a JobConcluded
 * also writes the job's lesson card ({@link LessonService}) in the same transaction; a PlanProposed asks for the code
 * graph of its commit ({@link GraphRequests}: a row here, the build after the commit).
 */
@ApplicationScoped
public class AuditService {

    private final ProcessedEvents processed;
    private final EventRepository events;
    private final JobSummaryRepository summaries;
    private final UpdaterConfig config;
    private final LessonService lessons;
    private final GraphRequests graphs;

    public AuditService(ProcessedEvents processed, EventRepository events, JobSummaryRepository summaries,
                        UpdaterConfig config, LessonService lessons, GraphRequests graphs) {
        this.processed = processed;
        this.events = events;
        this.summaries = summaries;
        this.config = config;
        this.lessons = lessons;
        this.graphs = graphs;
    }

    /**
     * Reads and records one record value in one transaction (the caller's, or a new one): the idempotency mark,
     * the log row and the summary change commit together or not at all.
     *
     * @param json      the record value (a Pavu event as JSON)
     * @param origin    where it was read: topic, partition, offset, key
     * @return the event's {@code seq} in the log, or empty when it had been recorded before (a redelivery)
     * @throws EventFormatException when the value is not a readable Pavu event (the record belongs on the DLQ)
     */
    @Transactional
    public OptionalLong record(String json, Origin origin) {
        PavuEvent event = EventCodec.read(json);
        Envelope env = event.envelope();
        if (!processed.firstTime(env.eventId(), config.consumerName())) {
            Log.debugf("skipping %s %s of job %s: already recorded", env.type(), env.eventId(), env.jobId());
            return OptionalLong.empty();
        }
        OptionalLong seq = events.append(new StoredEvent(0, env.eventId(), env.jobId(), env.type(), env.iteration(),
                env.causationId(), env.occurredAt(), env.producer(), origin.topic(), origin.partition(), origin.offset(),
                origin.key(), json, null));
        if (seq.isEmpty()) {
            Log.debugf("skipping %s %s of job %s: already in the log", env.type(), env.eventId(), env.jobId());
            return seq;
        }
        summarise(event);
        Log.debugf("recorded %s %s of job %s as seq %d (%s-%d@%d)", env.type(), env.eventId(), env.jobId(),
                seq.getAsLong(), origin.topic(), origin.partition(), origin.offset());
        return seq;
    }

    private void summarise(PavuEvent event) {
        Envelope env = event.envelope();
        if (event instanceof JobExpired || event instanceof ResultBranchDelivered) {
            // retention dropped other services' data of a concluded job, or its result branch was pushed: recorded in
            // the job's trail, its summary does not change
            return;
        }
        State state = switch (event) {
            case JobSubmitted ignored -> State.SUBMITTED;
            case JobCancelled ignored -> State.CANCELLING;
            case JobConcluded ignored -> State.CONCLUDED;
            default -> State.RUNNING;
        };
        summaries.touch(env.jobId(), state, env.iteration(), env.occurredAt());
        if (!(event instanceof JobConcluded)) {
            lessons.lateEvent(env.jobId()); // an event of a job concluded before it arrived: its card is rebuilt
        }
        switch (event) {
            case JobSubmitted s -> summaries.submitted(env.jobId(), env.occurredAt(), s.task().text(),
                    s.source().kind(), s.source().url());
            case PlanProposed p -> {
                summaries.planProposed(env.jobId());
                graphs.planned(p);
            }
            case CandidatesProposed ignored -> {
                // counted through its DiffProposed events
            }
            case DiffProposed d -> {
                if (!d.isEmptyPatch()) {
                    summaries.candidateProposed(env.jobId());
                }
            }
            case VerdictIssued v -> {
                if (v.isBaseline()) {
                    summaries.baselineVerdict(env.jobId(), v.verdict().name(), FailureKinds.of(v));
                } else {
                    summaries.candidateVerdict(env.jobId(), v.verdict().name());
                }
            }
            case JobCancelled c -> summaries.cancelled(env.jobId(), c.reason());
            case JobExpired ignored -> {
                // handled above
            }
            case ResultBranchDelivered ignored -> {
                // handled above
            }
            case JobConcluded c -> {
                summaries.concluded(env.jobId(), c.outcome().name(), c.reason(), c.patch(),
                        c.winningCandidateId(), c.candidatesTried(), c.durationMs(), env.occurredAt());
                lessons.concluded(c);
            }
        }
    }

    /**
     * Where a record was read.
     *
     * @param topic     Kafka topic
     * @param partition partition
     * @param offset    offset in the partition
     * @param key       record key, or {@code null}
     */
    public record Origin(String topic, int partition, long offset, String key) {
    }
}
