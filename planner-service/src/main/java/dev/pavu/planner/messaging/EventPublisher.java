package dev.pavu.planner.messaging;

import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.kit.outbox.Outbox;
import dev.pavu.kit.outbox.OutboxChannels;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Optional;

/**
 * Publishes the planner's events through the outbox (service-kit {@link Outbox}): {@code JobSubmitted},
 * {@code JobConcluded}, {@code JobCancelled} on {@code jobs-out} (topic {@code pavu.jobs}), {@code PlanProposed} on
 * {@code plans-out} ({@code pavu.plans}). The event is written in the caller's transaction, together with the job
 * change that caused it, and the relay sends it once that transaction committed — never when it rolled back, and
 * again (same event id) until the broker acknowledged it. Also the planner's {@link OutboxChannels}.
 */
@ApplicationScoped
public class EventPublisher implements OutboxChannels {

    static final String JOBS = "jobs-out";
    static final String PLANS = "plans-out";

    private final Outbox outbox;
    private final MutinyEmitter<String> jobs;
    private final MutinyEmitter<String> plans;

    public EventPublisher(Outbox outbox, @Channel(JOBS) MutinyEmitter<String> jobs, @Channel(PLANS) MutinyEmitter<String> plans) {
        this.outbox = outbox;
        this.jobs = jobs;
        this.plans = plans;
    }

    /**
     * Records an event to be sent once the current transaction commits.
     *
     * @param event a planner event
     * @throws IllegalArgumentException for a {@code DiffProposed}, {@code CandidatesProposed} or {@code VerdictIssued}
     *                                  (not the planner's: {@link EventOrigins})
     * @throws jakarta.transaction.TransactionalException outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(PavuEvent event) {
        if (!"planner-service".equals(EventOrigins.of(event).producer())) {
            throw new IllegalArgumentException("the planner does not send " + event.envelope().type());
        }
        String channel = event instanceof PlanProposed ? PLANS : JOBS;
        outbox.add(event, channel);
        Log.debugf("outbox: %s %s of job %s on %s", event.envelope().type(), event.eventId(), event.jobId(), channel);
    }

    @Override
    public Optional<MutinyEmitter<String>> emitter(String channel) {
        return switch (channel) {
            case JOBS -> Optional.of(jobs);
            case PLANS -> Optional.of(plans);
            default -> Optional.empty();
        };
    }
}
