package dev.pavu.verifier.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.EventCodec;
import dev.pavu.verifier.service.VerificationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads candidates from {@code pavu.diffs} (channel {@code diffs-in}, group {@code verifier-service}) and
 * verifies them one at a time on a worker thread. A record that is not a valid {@link DiffProposed}
 * throws, is nacked, and goes to {@code pavu.dlq.diffs-in} with the reason; the channel goes on.
 */
@ApplicationScoped
public class DiffConsumer {

    private final VerificationService service;

    public DiffConsumer(VerificationService service) {
        this.service = service;
    }

    /**
     * @param json one {@code pavu.diff.proposed.v1} event
     * @throws dev.pavu.contracts.EventFormatException when the record is not one
     */
    @Incoming("diffs-in")
    @Blocking(ordered = true)
    public void onDiff(String json) {
        DiffProposed diff = EventCodec.read(json, DiffProposed.class);
        service.handle(diff);
    }
}
