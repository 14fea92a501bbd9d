package dev.pavu.bench.retrybackoff;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** Calls an operation until it succeeds or the retries are used up, sleeping per a {@link Backoff}. */
public final class Retry {

    /** How to wait; tests pass a recorder instead of Thread.sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private Retry() {
    }

    public static <T> T call(Callable<T> operation, Backoff backoff, int maxRetries, Sleeper sleeper) throws Exception {
        List<Duration> delays = backoff.delays(maxRetries);
        Exception last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            try {
                return operation.call();
            } catch (Exception e) {
                last = e;
                if (attempt < maxRetries) {
                    sleeper.sleep(delays.get(attempt));
                }
            }
        }
        throw last;
    }
}
