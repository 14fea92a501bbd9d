package dev.pavu.bench.lrucache;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A least-recently-used cache holding at most {@code capacity} entries. */
public final class LruCache<K, V> {

    private final int capacity;
    private final Map<K, V> values = new HashMap<>();
    private final Deque<K> order = new ArrayDeque<>(); // least recently used first

    public LruCache(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The cached value, or null; a hit makes the key the most recently used. */
    public V get(K key) {
        if (!values.containsKey(key)) {
            return null;
        }
        order.remove(key);
        order.addLast(key);
        return values.get(key);
    }

    /** Caches {@code value}, evicting the least recently used entry when full. */
    public void put(K key, V value) {
        if (!values.containsKey(key)) {
            order.remove(key);
        } else if (values.size() == capacity) {
            K eldest = order.removeFirst();
            values.remove(eldest);
        }
        values.put(key, value);
        order.addLast(key);
    }

    public int size() {
        return values.size();
    }
}
