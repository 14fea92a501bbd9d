package dev.pavu.actuator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the fix-pattern priors that rank template candidates ({@code pavu.actuator.priors.*}).
 */
@ConfigMapping(prefix = "pavu.actuator.priors")
public interface PriorsConfig {

    /** Where the priors come from. */
    enum Source {
        /** The hand-set table ({@code StaticPatternPriors}). */
        STATIC,
        /** Pass rates of past candidates kept by the updater, smoothed towards the static table. */
        LEARNED
    }

    /**
     * {@code static} or {@code learned} (falls back to the static table while the updater is unreachable).
     *
     * @return the source of the priors
     */
    @WithDefault("learned")
    Source source();

    /**
     * Base URL of the updater ({@code PAVU_UPDATER_URL}), which serves {@code GET /stats/patterns}.
     *
     * @return the updater's base URL
     */
    @WithDefault("${PAVU_UPDATER_URL:http://localhost:8084}")
    URI updaterUrl();

    /**
     * Strength {@code s} of the static prior, in pseudo-candidates: a pattern's learned prior moves halfway
     * from the static value towards its observed pass rate after {@code s} verified candidates. Pass rates
     * are a few percent (a job stops at its first plausible patch), so 100 pseudo-candidates weigh about as
     * much as a handful of passes.
     *
     * @return the strength, &gt; 0
     */
    @WithDefault("100")
    double strength();

    /**
     * How long fetched statistics are used before they are fetched again.
     *
     * @return the cache lifetime
     */
    @WithDefault("60s")
    Duration cacheTtl();

    /**
     * Time limit of one statistics request (connect and answer).
     *
     * @return the timeout
     */
    @WithDefault("2s")
    Duration timeout();
}
