package dev.pavu.bench.intlist;

import java.util.Arrays;
import java.util.Objects;

/** A growable list of primitive ints, like ArrayList without boxing. */
public final class IntList {

    private static final int DEFAULT_CAPACITY = 10;

    private int[] elements;
    private int size;

    public IntList() {
        this(DEFAULT_CAPACITY);
    }

    public IntList(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + initialCapacity);
        }
        elements = new int[initialCapacity];
    }

    public void add(int value) {
        ensureCapacity(size + 1);
        elements[size++] = value;
    }

    public int get(int index) {
        Objects.checkIndex(index, size);
        return elements[index];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return elements.length;
    }

    /** Makes room for at least {@code minCapacity} elements. */
    public void ensureCapacity(int minCapacity) {
        if (minCapacity > elements.length) {
            elements = Arrays.copyOf(elements, grownCapacity(elements.length, minCapacity));
        }
    }

    /** Doubles the capacity (starting from at least 1) until it holds {@code minCapacity}. */
    static int grownCapacity(int current, int minCapacity) {
        int capacity = current;
        while (capacity < minCapacity) {
            capacity *= 2;
        }
        return capacity;
    }
}
