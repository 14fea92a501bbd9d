package dev.pavu.kit.retry;

/**
 * How many times a failed unit of work was tried: attached by {@link TransientRetry} to the failure it gives up on
 * (as a suppressed exception, so the failure keeps its class and message), read by the dead-letter handler to name
 * the attempts in the dead letter's headers.
 */
public final class Attempts extends RuntimeException {

    private final int count;

    Attempts(int count) {
        super("attempts: " + count, null, false, false);
        this.count = count;
    }

    /** @return the number of attempts, at least 1 */
    public int count() {
        return count;
    }

    /**
     * @param failure a failure, possibly wrapped (its cause chain is searched)
     * @return the attempts recorded on it or on one of its causes; 1 when none (a failure that was not retried)
     */
    public static int of(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof Attempts a) {
                    return a.count;
                }
            }
        }
        return 1;
    }
}
