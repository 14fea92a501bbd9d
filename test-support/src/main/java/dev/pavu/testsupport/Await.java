package dev.pavu.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling waits for tests against the real broker and database, where effects arrive asynchronously. */
public final class Await {

    private static final long POLL_MS = 100;

    private Await() {
    }

    /**
     * Polls {@code condition} every 100 ms until it holds.
     *
     * @param what      what is awaited, for the failure message
     * @param timeout   how long to wait in all
     * @param condition the condition; it may throw (an assertion error or exception ends the wait at once)
     * @throws AssertionError when the condition did not hold within {@code timeout}, or the thread was interrupted
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }
}
