package dev.pavu.actuator.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.kit.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;
import java.util.List;

/**
 * Sends a plan's answer and waits for the broker's acknowledgements: first every {@link DiffProposed}
 * ({@code diffs-out}, pavu.diffs), then the {@code CandidatesProposed} ({@code plans-out}, pavu.plans),
 * so that the planner never learns a count before the candidates are on the topic. A send that fails
 * or times out throws, which rolls the consumer's transaction back and leaves the plan unanswered
 * for the redelivery.
 */
@ApplicationScoped
public class AnswerPublisher {

    /** How long to wait for the broker to acknowledge a plan's events. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    /** Diffs sent before waiting for their acknowledgements (well below the emitter's buffer). */
    static final int CHUNK = 64;

    private final MutinyEmitter<String> diffs;
    private final MutinyEmitter<String> plans;

    /**
     * @param diffs emitter of channel {@code diffs-out}
     * @param plans emitter of channel {@code plans-out}
     */
    public AnswerPublisher(@Channel("diffs-out") MutinyEmitter<String> diffs,
                           @Channel("plans-out") MutinyEmitter<String> plans) {
        this.diffs = diffs;
        this.plans = plans;
    }

    /**
     * @param answer the events answering one plan
     */
    public void publish(PlanAnswers.Answer answer) {
        List<DiffProposed> all = answer.diffs();
        // in chunks, so that a large answer never overflows the emitter's buffer
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Uni<Void>> sends = all.subList(from, Math.min(all.size(), from + CHUNK)).stream()
                    .map(d -> diffs.sendMessage(EventMessages.of(d))).toList();
            Uni.join().all(sends).andFailFast().await().atMost(ACK_TIMEOUT);
        }
        plans.sendMessage(EventMessages.of(answer.summary())).await().atMost(ACK_TIMEOUT);
    }
}
