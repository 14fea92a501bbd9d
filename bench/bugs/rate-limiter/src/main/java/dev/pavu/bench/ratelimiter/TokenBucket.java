package dev.pavu.bench.ratelimiter;

import java.util.function.LongSupplier;

/** Token-bucket rate limiter: bursts up to {@code capacity}, refilled continuously. */
public final class TokenBucket {

    private final long capacity;
    private final double refillPerSecond;
    private final LongSupplier clockMillis;
    private double tokens;
    private long lastRefillMillis;

    public TokenBucket(long capacity, double refillPerSecond, LongSupplier clockMillis) {
        if (capacity <= 0 || refillPerSecond < 0) {
            throw new IllegalArgumentException("capacity must be positive and refill non-negative");
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.clockMillis = clockMillis;
        this.tokens = capacity;
        this.lastRefillMillis = clockMillis.getAsLong();
    }

    public synchronized boolean tryAcquire() {
        return tryAcquire(1);
    }

    /** Takes {@code permits} tokens if that many are available. */
    public synchronized boolean tryAcquire(int permits) {
        refill();
        if (tokens > permits) {
            tokens -= permits;
            return true;
        }
        return false;
    }

    public synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = clockMillis.getAsLong();
        long elapsed = now - lastRefillMillis;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + refillPerSecond * elapsed / 1000.0);
            lastRefillMillis = now;
        }
    }
}
