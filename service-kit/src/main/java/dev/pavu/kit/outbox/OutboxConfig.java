package dev.pavu.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The outbox relay's settings (prefix {@code pavu.outbox}).
 */
@ConfigMapping(prefix = "pavu.outbox")
public interface OutboxConfig {

    /** Whether this process relays its outbox (tests that inspect unsent rows turn it off). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for unsent rows when no commit woke it. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Rows one relay pass reads (oldest first). */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge one group of sends before it gives up the pass. */
    @WithDefault("30s")
    Duration ackTimeout();

    /** The pause after a pass that could not send (broker down), doubled up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    /** The longest pause between passes while sends fail. */
    @WithDefault("15s")
    Duration maxBackoff();

    /** Sent rows are deleted this long after they were sent (they are the relay's record of what went out). */
    @WithDefault("7d")
    Duration keepSent();
}
