package dev.pavu.bench.retrybackoff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    private final List<Duration> slept = new ArrayList<>();

    @Test
    void noRetriesNoDelays() {
        assertEquals(List.of(), backoff.delays(0));
    }

    @Test
    void delaysDoubleUpToTheCap() {
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1000)), backoff.delays(5));
    }

    @Test
    void firstSuccessReturnsWithoutSleeping() throws Exception {
        assertEquals("ok", Retry.call(() -> "ok", backoff, 3, slept::add));
        assertEquals(List.of(), slept);
    }

    @Test
    void sleepsBetweenFailedAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("flaky");
            }
            return "done";
        }, backoff, 5, slept::add);
        assertEquals("done", result);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), slept);
    }

    @Test
    void givesUpAfterTheLastRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IOException.class, () -> Retry.call(() -> {
            calls.incrementAndGet();
            throw new IOException("down");
        }, backoff, 2, slept::add));
        assertEquals(3, calls.get());
        assertEquals(2, slept.size());
    }
}
