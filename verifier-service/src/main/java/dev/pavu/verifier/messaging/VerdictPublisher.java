package dev.pavu.verifier.messaging;

import dev.pavu.contracts.VerdictIssued;
import dev.pavu.kit.messaging.EventMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends verdicts to {@code pavu.verdicts} (channel {@code verdicts-out}, key = job id, CloudEvents headers). */
@ApplicationScoped
public class VerdictPublisher {

    private final MutinyEmitter<String> emitter;

    public VerdictPublisher(@Channel("verdicts-out") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends one verdict and waits until the broker acknowledged it.
     *
     * @param verdict the verdict
     * @throws RuntimeException when the broker does not acknowledge it
     */
    public void publish(VerdictIssued verdict) {
        emitter.sendMessageAndAwait(EventMessages.of(verdict));
    }
}
