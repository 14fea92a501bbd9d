package dev.pavu.planner.messaging;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.planner.service.JobTransitions;
import io.quarkus.logging.Log;
import dev.pavu.kit.retry.TransientRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The planner's consumers. {@code plans-in} ({@code pavu.plans}): {@code CandidatesProposed} tells how many
 * verdicts a plan will get (the planner's own {@code PlanProposed} is skipped). {@code verdicts-in}
 * ({@code pavu.verdicts}): {@code VerdictIssued}. Each event is handled once (its id is recorded in
 * {@code planner.processed_events} in the same transaction as its effect); an unreadable record throws
 * {@link EventFormatException} and goes to {@code <topic>.dlq.planner-service}. A transient failure (the database away, a
 * lock timeout) is retried with backoff first ({@link TransientRetry}, each attempt a transaction of its own).
 */
@ApplicationScoped
public class PlannerConsumers {

    static final String PLANS = "planner.plans-in";
    static final String VERDICTS = "planner.verdicts-in";

    private final ProcessedEvents processed;
    private final JobTransitions transitions;
    private final TransientRetry retry;
    private final JobTraces traces;

    public PlannerConsumers(ProcessedEvents processed, JobTransitions transitions, TransientRetry retry, JobTraces traces) {
        this.processed = processed;
        this.transitions = transitions;
        this.retry = retry;
        this.traces = traces;
    }

    /**
     * @param json a record of {@code pavu.plans}
     * @throws EventFormatException when it is not a readable Pavu event of that topic
     */
    @Incoming("plans-in")
    @Blocking
    public void onPlans(String json) {
        PavuEvent event = EventCodec.read(json);
        if (event instanceof PlanProposed) {
            return;
        }
        if (!(event instanceof CandidatesProposed cp)) {
            throw new EventFormatException("unexpected " + event.envelope().type() + " on pavu.plans");
        }
        try (JobSpan span = traces.handling("planner", cp)) {
            retry.run(() -> QuarkusTransaction.requiringNew().run(() -> {
                if (processed.firstTime(cp.eventId(), PLANS)) {
                    transitions.candidatesProposed(cp);
                } else {
                    Log.debugf("skipping %s: already handled", cp.eventId());
                }
            }));
        }
    }

    /**
     * @param json a record of {@code pavu.verdicts}
     * @throws EventFormatException when it is not a readable {@code VerdictIssued}
     */
    @Incoming("verdicts-in")
    @Blocking
    public void onVerdict(String json) {
        VerdictIssued v = EventCodec.read(json, VerdictIssued.class);
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
        // the slow localisation of a failing baseline runs first, without the job row's lock (skipped for a duplicate)
        var localised = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> processed.seen(v.eventId(), VERDICTS)))
                ? java.util.Optional.<dev.pavu.planner.service.LocalisationService.Result>empty()
                : retry.call(() -> transitions.localiseFirst(v));
        retry.run(() -> QuarkusTransaction.requiringNew().run(() -> {
            if (processed.firstTime(v.eventId(), VERDICTS)) {
                transitions.verdict(v, localised);
            } else {
                Log.debugf("skipping verdict %s: already handled", v.eventId());
            }
        }));
    }
}
