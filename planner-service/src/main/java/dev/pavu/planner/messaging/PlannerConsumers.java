package dev.pavu.planner.messaging;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.Topics;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.planner.service.JobTransitions;
import dev.pavu.planner.service.Lookahead;
import dev.pavu.planner.service.Lookahead.Prepared;
import io.quarkus.logging.Log;
import dev.pavu.kit.retry.TransientRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The planner's consumers. {@code candidates-in} ({@code pavu.candidates}, only the actuator writes it):
 * {@code CandidatesProposed} tells how many verdicts a plan will get. {@code verdicts-in} ({@code pavu.verdicts}, only
 * the verifier writes it): {@code VerdictIssued}. Each event must be its channel's type from its type's producer
 * ({@link EventOrigins#check}); anything else is refused like an unreadable record. Each event is handled once (its
 * id is recorded in {@code planner.processed_events} in the same transaction as its effect); an unreadable record
 * throws {@link EventFormatException} and goes to {@code <topic>.dlq.planner-service}. A transient failure (the
 * database away, a lock timeout) is retried with backoff first ({@link TransientRetry}, each attempt a transaction of
 * its own). The slow work an event needs runs before that transaction, without the job row's lock ({@link Lookahead}).
 */
@ApplicationScoped
public class PlannerConsumers {

    static final String CANDIDATES = "planner.candidates-in";
    static final String VERDICTS = "planner.verdicts-in";
    /** Times an event's slow work is done before the last attempt does what the job still needs under its lock. */
    static final int ATTEMPTS = 3;

    private final ProcessedEvents processed;
    private final JobTransitions transitions;
    private final Lookahead lookahead;
    private final TransientRetry retry;
    private final JobTraces traces;

    public PlannerConsumers(ProcessedEvents processed, JobTransitions transitions, Lookahead lookahead, TransientRetry retry,
                            JobTraces traces) {
        this.processed = processed;
        this.transitions = transitions;
        this.lookahead = lookahead;
        this.retry = retry;
        this.traces = traces;
    }

    /**
     * @param json a record of {@code pavu.candidates}
     * @throws EventFormatException when it is not a readable {@code CandidatesProposed} of the actuator
     */
    @Incoming("candidates-in")
    @Blocking
    public void onCandidates(String json) {
        CandidatesProposed cp = EventOrigins.check(EventCodec.read(json, CandidatesProposed.class), Topics.CANDIDATES);
        try (JobSpan span = traces.handling("planner", cp)) {
            handle(cp.eventId(), CANDIDATES, inline -> lookahead.candidates(cp, inline),
                    prepared -> transitions.candidatesProposed(cp, prepared));
        }
    }

    /**
     * @param json a record of {@code pavu.verdicts}
     * @throws EventFormatException when it is not a readable {@code VerdictIssued}
     */
    @Incoming("verdicts-in")
    @Blocking
    public void onVerdict(String json) {
        VerdictIssued v = EventOrigins.check(EventCodec.read(json, VerdictIssued.class), Topics.VERDICTS);
        try (JobSpan span = traces.handling("planner", v)) {
            try {
                handle(v);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private void handle(VerdictIssued v) {
        handle(v.eventId(), VERDICTS, inline -> lookahead.verdict(v, inline), prepared -> transitions.verdict(v, prepared));
    }

    /**
     * Handles an event once: the slow work first, without the job row's lock and with no transaction open
     * ({@link Lookahead}: localisation, the strategy step with the gateway's exploration call; skipped for a duplicate),
     * then the transaction that records the event as handled, locks the job and applies it with what was worked out.
     * When the job moved on in between ({@link JobTransitions.StaleDecision}, the transaction rolled back), the work is
     * done again; the last attempt does what is still missing under the lock.
     */
    private void handle(UUID eventId, String consumer, Function<Boolean, Prepared> prepare, Consumer<Prepared> apply) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= ATTEMPTS;
            if (retry.call(() -> QuarkusTransaction.requiringNew().call(() -> processed.seen(eventId, consumer)))) {
                Log.debugf("skipping %s: already handled", eventId);
                return;
            }
            Prepared prepared = retry.call(() -> prepare.apply(last));
            try {
                retry.run(() -> QuarkusTransaction.requiringNew().run(() -> {
                    if (processed.firstTime(eventId, consumer)) {
                        apply.accept(prepared);
                    } else {
                        Log.debugf("skipping %s: already handled", eventId);
                    }
                }));
                return;
            } catch (RuntimeException e) {
                if (last || !JobTransitions.StaleDecision.in(e)) {
                    throw e;
                }
                Log.infof("event %s: %s; working it out again (attempt %d of %d)", eventId, e.getMessage(), attempt + 1, ATTEMPTS);
            }
        }
    }
}
