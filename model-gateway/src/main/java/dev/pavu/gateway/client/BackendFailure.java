package dev.pavu.gateway.client;

/**
 * A backend could not answer.
 *
 * <p>{@link #transientFailure()} failures (connection refused or dropped, timeout, HTTP 408/429/5xx) are
 * retried and count against the backend's circuit breaker; the others (HTTP 4xx such as a bad request or an
 * unknown model, an open circuit, a saturated backend) are not.
 */
public class BackendFailure extends RuntimeException {

    private final boolean transientFailure;

    /**
     * @param reason           short human-readable reason, e.g. {@code HTTP 500: boom} or {@code connection refused}
     * @param transientFailure whether a retry may help
     */
    public BackendFailure(String reason, boolean transientFailure) {
        super(reason, null, false, false);
        this.transientFailure = transientFailure;
    }

    /** @return whether a retry may help (and whether the failure counts against the circuit breaker) */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** @return the short reason */
    public String reason() {
        return getMessage();
    }
}
