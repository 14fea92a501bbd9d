package dev.pavu.planner.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.kit.messaging.EventMessages;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.concurrent.CompletableFuture;

/**
 * Sends the planner's events: {@code JobSubmitted}, {@code JobConcluded}, {@code JobCancelled} on
 * {@code jobs-out} (topic {@code pavu.jobs}), {@code PlanProposed} on {@code plans-out} ({@code pavu.plans}).
 *
 * <p>Inside a transaction an event is sent only once that transaction has committed, so a rolled-back
 * effect never shows on Kafka; outside a transaction it is sent at once. A send the broker refuses is logged.
 */
@ApplicationScoped
public class EventPublisher {

    private final Emitter<String> jobs;
    private final Emitter<String> plans;
    private final TransactionSynchronizationRegistry transactions;

    public EventPublisher(@Channel("jobs-out") Emitter<String> jobs, @Channel("plans-out") Emitter<String> plans,
                          TransactionSynchronizationRegistry transactions) {
        this.jobs = jobs;
        this.plans = plans;
        this.transactions = transactions;
    }

    /**
     * Sends an event after the current transaction commits (at once when there is none).
     *
     * @param event a planner event
     */
    public void publish(PavuEvent event) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        send(event);
                    }
                }
            });
        } else {
            send(event);
        }
    }

    private void send(PavuEvent event) {
        Emitter<String> emitter = event instanceof PlanProposed || event instanceof CandidatesProposed ? plans : jobs;
        if (event instanceof DiffProposed) {
            throw new IllegalArgumentException("the planner does not send DiffProposed");
        }
        var message = EventMessages.of(event).withNack(t -> {
            Log.errorf(t, "could not send %s %s of job %s", event.envelope().type(), event.eventId(), event.jobId());
            return CompletableFuture.completedFuture(null);
        });
        emitter.send(message);
        Log.debugf("sent %s %s of job %s", event.envelope().type(), event.eventId(), event.jobId());
    }
}
