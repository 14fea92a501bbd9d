package dev.pavu.bench.lrucache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LruCacheTest {

    @Test
    void missReturnsNull() {
        assertNull(new LruCache<String, Integer>(2).get("a"));
    }

    @Test
    void putThenGet() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        assertEquals(1, cache.get("a"));
    }

    @Test
    void evictsTheLeastRecentlyUsedEntry() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);
        assertNull(cache.get("b"));
        assertEquals(1, cache.get("a"));
        assertEquals(3, cache.get("c"));
        assertEquals(2, cache.size());
    }

    @Test
    void updatingAKeyKeepsTheOthers() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("a", 10);
        assertEquals(10, cache.get("a"));
        assertEquals(2, cache.get("b"));
    }

    @Test
    void rejectsZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, String>(0));
    }
}
