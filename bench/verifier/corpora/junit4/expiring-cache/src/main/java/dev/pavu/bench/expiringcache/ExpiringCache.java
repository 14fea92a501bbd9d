package dev.pavu.bench.expiringcache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A cache whose entries expire a fixed time after they were put, holding at most a fixed number of entries (the
 * oldest is evicted first).
 *
 * @param <K> key
 * @param <V> value
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final LinkedHashMap<K, Entry<V>> map = new LinkedHashMap<>();
    private final LongSupplier clock;
    private final long ttlMillis;
    private final int maxEntries;

    /**
     * @param clock      milliseconds now
     * @param ttlMillis  how long an entry lives; it has expired once that much time has passed
     * @param maxEntries entries kept at most (at least 1)
     */
    public ExpiringCache(LongSupplier clock, long ttlMillis, int maxEntries) {
        if (maxEntries < 1 || ttlMillis <= 0) {
            throw new IllegalArgumentException();
        }
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
    }

    /**
     * Puts or replaces an entry; when the cache is full the oldest live entry goes.
     *
     * @param key   key
     * @param value value
     */
    public void put(K key, V value) {
        purge();
        map.remove(key);
        Iterator<K> oldest = map.keySet().iterator();
        while (map.size() >= maxEntries) {
            oldest.next();
            oldest.remove();
        }
        map.put(key, new Entry<>(value, clock.getAsLong() + ttlMillis));
    }

    /**
     * @param key key
     * @return its value, or null when absent or expired
     */
    public V get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() > e.expiresAt()) {
            map.remove(key);
            return null;
        }
        return e.value();
    }

    /**
     * @param key key
     * @return milliseconds until it expires, 0 when absent or expired
     */
    public long remainingMillis(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return 0;
        }
        return Math.max(0, e.expiresAt() - clock.getAsLong());
    }

    /** @return the live entries */
    public int size() {
        purge();
        return map.size();
    }

    private void purge() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<K, Entry<V>>> it = map.entrySet().iterator(); it.hasNext(); ) {
            if (now >= it.next().getValue().expiresAt()) {
                it.remove();
            }
        }
    }
}
