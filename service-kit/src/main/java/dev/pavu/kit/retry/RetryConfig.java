package dev.pavu.kit.retry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How consumers retry transient failures before a record is dead-lettered (prefix {@code pavu.retry}). The default
 * bound (5 min) outlasts a 3-minute database outage; it must stay below the channels'
 * {@code throttled.unprocessed-record-max-age.ms} (900 s) so a retrying record never kills its channel.
 */
@ConfigMapping(prefix = "pavu.retry")
public interface RetryConfig {

    /** First pause after a transient failure; doubled each time up to {@link #maxDelay()}. */
    @WithDefault("500ms")
    Duration initialDelay();

    /** Longest pause between two attempts. */
    @WithDefault("15s")
    Duration maxDelay();

    /** Total time spent retrying one record before it is given up (and dead-lettered). */
    @WithDefault("5m")
    Duration maxDuration();

    /** Most retries of one record (a bound besides the time). */
    @WithDefault("1000")
    int maxRetries();
}
