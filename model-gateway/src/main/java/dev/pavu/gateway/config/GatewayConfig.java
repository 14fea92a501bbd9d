package dev.pavu.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Settings of the model gateway ({@code pavu.gateway.*} in application.properties or the matching
 * {@code PAVU_GATEWAY_*} environment variables).
 */
@ConfigMapping(prefix = "pavu.gateway")
public interface GatewayConfig {

    /**
     * Path of the YAML file that maps model aliases to backends (see {@code models.example.yaml} in the
     * module's resources for its shape). When absent, the bundled {@code pavu-models.yaml} is used, which
     * configures no model: the gateway starts, lists no model and answers every completion with an error
     * that names this setting.
     */
    Optional<String> modelsFile();

    /** Tenant charged when a request has no {@code X-Pavu-Tenant} header. */
    @WithDefault("default")
    String defaultTenant();

    /**
     * Time limit of one call to a backend (connect + whole answer; for streams, the gap between two
     * chunks as enforced by langchain4j's HTTP client).
     */
    @WithDefault("120s")
    Duration backendTimeout();

    /** Time limit of an Ollama {@code /api/pull} of a missing model (backends with {@code pull: true}). */
    @WithDefault("30m")
    Duration pullTimeout();

    /**
     * How long a request waits for one of a backend's concurrency slots ({@code max-concurrency} in the
     * models file) before the gateway moves on to the alias's next backend.
     */
    @WithDefault("30s")
    Duration queueWait();

    /** Retries of one backend, before the gateway falls back to the next backend of the alias. */
    Retry retry();

    /** Circuit breaker of each backend (shared by every alias that lists the same backend). */
    CircuitBreaker circuitBreaker();

    /** Response cache for deterministic requests (temperature 0 or a seed). */
    Cache cache();

    /** Token budgets per tenant. */
    Budget budget();

    /**
     * Replay mode: answer only from recorded calls (same request hash), never from a backend. A request
     * that was never recorded is refused with 404 {@code not_recorded}.
     */
    @WithDefault("false")
    boolean replayOnly();

    /** Retry policy of one backend call. Only transient failures (connection, timeout, 5xx, 429) are retried. */
    interface Retry {
        /** Retries after the first attempt (0 = no retry). */
        @WithDefault("2")
        int maxRetries();

        /** Delay before the first retry; it doubles for each further retry (exponential backoff). */
        @WithDefault("200ms")
        Duration delay();

        /** Upper bound of the backoff delay. */
        @WithDefault("5s")
        Duration maxDelay();
    }

    /** Circuit breaker settings (MicroProfile semantics, rolling window of {@code request-volume-threshold} calls). */
    interface CircuitBreaker {
        /** Size of the rolling window of attempts the failure ratio is computed over. */
        @WithDefault("4")
        int requestVolumeThreshold();

        /** Failure ratio (0..1) within the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** Time the circuit stays open before a trial call is let through (half-open). */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls needed to close the circuit again. */
        @WithDefault("1")
        int successThreshold();
    }

    /** Response cache settings. */
    interface Cache {
        /** Whether deterministic requests (temperature 0 or a seed set) are answered from the cache. */
        @WithDefault("true")
        boolean enabled();

        /** Entries kept in memory (least recently used go first). */
        @WithDefault("2000")
        int maxEntries();

        /**
         * Whether a miss in memory looks up the recorded calls in the database (same request hash, outcome
         * ok), so that the cache survives restarts.
         */
        @WithDefault("true")
        boolean persistent();
    }

    /** Token budgets: tokens in + out charged to a tenant per period; cached answers are free. */
    interface Budget {
        /** Budget of a tenant not listed in {@code tenants}, in tokens per period; absent = unlimited. */
        OptionalLong defaultTokens();

        /** Budget per tenant, in tokens per period, e.g. {@code pavu.gateway.budget.tenants.acme=200000}. */
        Map<String, Long> tenants();

        /** Length of a budget period; periods start at the Unix epoch (P1D = UTC days). */
        @WithDefault("P1D")
        Duration period();
    }
}
