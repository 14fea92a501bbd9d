package dev.pavu.verifier.messaging;

import dev.pavu.contracts.VerdictIssued;
import dev.pavu.kit.outbox.Outbox;
import dev.pavu.kit.outbox.OutboxChannels;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Optional;

/**
 * Publishes verdicts through the outbox (service-kit {@link Outbox}) to {@code pavu.verdicts} (channel
 * {@code verdicts-out}, key = job id, CloudEvents headers): written in the transaction that stores the run's verdict,
 * sent by the relay once it committed. Also the verifier's {@link OutboxChannels}.
 */
@ApplicationScoped
public class VerdictPublisher implements OutboxChannels {

    static final String VERDICTS = "verdicts-out";

    private final Outbox outbox;
    private final MutinyEmitter<String> emitter;

    public VerdictPublisher(Outbox outbox, @Channel(VERDICTS) MutinyEmitter<String> emitter) {
        this.outbox = outbox;
        this.emitter = emitter;
    }

    /**
     * Records one verdict to be sent once the current transaction commits.
     *
     * @param verdict the verdict
     * @throws jakarta.transaction.TransactionalException outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(VerdictIssued verdict) {
        outbox.add(verdict, VERDICTS);
    }

    @Override
    public Optional<MutinyEmitter<String>> emitter(String channel) {
        return VERDICTS.equals(channel) ? Optional.of(emitter) : Optional.empty();
    }
}
