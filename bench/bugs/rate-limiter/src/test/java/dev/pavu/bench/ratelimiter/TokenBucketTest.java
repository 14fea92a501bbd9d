package dev.pavu.bench.ratelimiter;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void startsFull() {
        assertEquals(3.0, new TokenBucket(3, 1, now::get).available());
    }

    @Test
    void allowsABurstUpToCapacity() {
        TokenBucket bucket = new TokenBucket(3, 1, now::get);
        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void refillsOverTime() {
        TokenBucket bucket = new TokenBucket(1, 2, now::get);
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
        now.addAndGet(500);
        assertTrue(bucket.tryAcquire());
    }

    @Test
    void refillIsCappedAtCapacity() {
        TokenBucket bucket = new TokenBucket(3, 10, now::get);
        now.addAndGet(60_000);
        assertEquals(3.0, bucket.available());
    }

    @Test
    void neverGrantsMoreThanCapacityAtOnce() {
        TokenBucket bucket = new TokenBucket(3, 1, now::get);
        assertFalse(bucket.tryAcquire(5));
        assertEquals(3.0, bucket.available());
    }
}
