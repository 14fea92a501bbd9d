package dev.pavu.kit.outbox;

import io.smallrye.reactive.messaging.MutinyEmitter;

import java.util.Optional;

/**
 * What a service that uses the outbox provides: the emitter of each outgoing channel named in
 * {@link Outbox#add}. A service without such a bean has no outbox and its relay stays idle.
 *
 * <p>Example: {@code return switch (channel) { case "plans-out" -> Optional.of(plans); default -> Optional.empty(); };}
 */
public interface OutboxChannels {

    /**
     * @param channel an outgoing channel name, e.g. {@code verdicts-out}
     * @return its emitter, or empty when this service has no such channel (the row stays unsent, logged)
     */
    Optional<MutinyEmitter<String>> emitter(String channel);
}
