package dev.pavu.bench.expiringcache;

import org.junit.Before;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

public class ExpiringCacheTest {

    private AtomicLong now;
    private ExpiringCache<String, Integer> cache;

    @Before
    public void setUp() {
        now = new AtomicLong(1_000);
        cache = new ExpiringCache<>(now::get, 100, 3);
    }

    @Test(timeout = 2000)
    public void returnsWhatWasPut() {
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(Integer.valueOf(1), cache.get("a"));
        assertEquals(Integer.valueOf(2), cache.get("b"));
        assertNull(cache.get("c"));
    }

    @Test(timeout = 2000)
    public void expiresAtItsDeadline() {
        cache.put("a", 1);
        now.addAndGet(100);
        assertNull(cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test(timeout = 2000)
    public void evictsTheOldestWhenFull() {
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.put("d", 4);
        assertNull(cache.get("a"));
        assertEquals(3, cache.size());
        assertEquals(Integer.valueOf(4), cache.get("d"));
    }

    @Test(timeout = 2000)
    public void replacingRenewsTheDeadline() {
        cache.put("a", 1);
        now.addAndGet(60);
        cache.put("a", 2);
        now.addAndGet(60);
        assertEquals(Integer.valueOf(2), cache.get("a"));
        assertEquals(40, cache.remainingMillis("a"));
    }

    @Test(timeout = 2000)
    public void expiredEntriesFreeTheirPlace() {
        cache.put("a", 1);
        cache.put("b", 2);
        now.addAndGet(150);
        cache.put("c", 3);
        cache.put("d", 4);
        assertEquals(2, cache.size());
        assertEquals(0, cache.remainingMillis("a"));
    }

    @Test(expected = IllegalArgumentException.class, timeout = 2000)
    public void refusesAZeroCapacity() {
        new ExpiringCache<String, Integer>(now::get, 100, 0);
    }
}
