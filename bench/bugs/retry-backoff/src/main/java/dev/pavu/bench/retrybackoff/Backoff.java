package dev.pavu.bench.retrybackoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Exponential backoff: initial, initial * m, initial * m^2, ... each capped at max. */
public final class Backoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;

    public Backoff(Duration initial, double multiplier, Duration max) {
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier below 1: " + multiplier);
        }
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
    }

    /** The delays to wait before retry 1, 2, ..., {@code retries}. */
    public List<Duration> delays(int retries) {
        List<Duration> out = new ArrayList<>();
        double delayMillis = initial.toMillis();
        for (int i = 0; i < retries; i++) {
            out.add(Duration.ofMillis((long) Math.min(delayMillis, max.toMillis())));
            delayMillis += multiplier;
        }
        return out;
    }
}
