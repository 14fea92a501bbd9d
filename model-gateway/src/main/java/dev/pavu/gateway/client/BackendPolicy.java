package dev.pavu.gateway.client;

import java.time.Duration;

/**
 * Resilience settings applied to every backend.
 *
 * @param timeout        time limit of one call (and, when streaming, of the wait for each chunk)
 * @param pullTimeout    time limit of an Ollama {@code /api/pull}
 * @param maxRetries     retries after the first attempt, for transient failures only
 * @param retryDelay     delay before the first retry; doubles each time
 * @param retryMaxDelay  cap of the retry delay
 * @param cbVolume       circuit breaker rolling window (attempts)
 * @param cbFailureRatio failure ratio within the window that opens the circuit
 * @param cbDelay        how long an open circuit stays open
 * @param cbSuccesses    trial successes that close a half-open circuit
 */
public record BackendPolicy(Duration timeout, Duration pullTimeout, int maxRetries, Duration retryDelay,
                            Duration retryMaxDelay, int cbVolume, double cbFailureRatio, Duration cbDelay,
                            int cbSuccesses) {
}
