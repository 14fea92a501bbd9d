package dev.pavu.actuator.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.kit.outbox.Outbox;
import dev.pavu.kit.outbox.OutboxChannels;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Optional;

/**
 * Writes a plan's answer to the outbox (service-kit {@link Outbox}) in the caller's transaction — the one that
 * records the plan as answered: first every {@link DiffProposed} ({@code diffs-out}, pavu.diffs), then the
 * {@code CandidatesProposed} ({@code candidates-out}, pavu.candidates). The relay sends them in that order and waits
 * for the diffs' acknowledgements before the count, so the planner never learns a count before the candidates are on
 * the topic. Also the actuator's {@link OutboxChannels}.
 */
@ApplicationScoped
public class AnswerPublisher implements OutboxChannels {

    static final String DIFFS = "diffs-out";
    static final String CANDIDATES = "candidates-out";

    private final Outbox outbox;
    private final MutinyEmitter<String> diffs;
    private final MutinyEmitter<String> candidates;

    /**
     * @param outbox the outbox
     * @param diffs  emitter of channel {@code diffs-out}
     * @param candidates emitter of channel {@code candidates-out}
     */
    public AnswerPublisher(Outbox outbox, @Channel(DIFFS) MutinyEmitter<String> diffs,
                           @Channel(CANDIDATES) MutinyEmitter<String> candidates) {
        this.outbox = outbox;
        this.diffs = diffs;
        this.candidates = candidates;
    }

    /**
     * @param answer the events answering one plan
     * @throws jakarta.transaction.TransactionalException outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(PlanAnswers.Answer answer) {
        for (DiffProposed d : answer.diffs()) {
            outbox.add(d, DIFFS);
        }
        outbox.add(answer.summary(), CANDIDATES);
    }

    @Override
    public Optional<MutinyEmitter<String>> emitter(String channel) {
        return switch (channel) {
            case DIFFS -> Optional.of(diffs);
            case CANDIDATES -> Optional.of(candidates);
            default -> Optional.empty();
        };
    }
}
