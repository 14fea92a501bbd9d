package dev.pavu.bench.insertionsort;

import java.util.Arrays;

/** In-place insertion sort of int arrays. */
public final class InsertionSort {

    private InsertionSort() {
    }

    /** Sorts {@code a} ascending, in place. */
    public static void sort(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int key = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > key) {
                a[j + 1] = a[j];
            }
            a[j + 1] = key;
        }
    }

    /** A sorted copy of {@code a}; {@code a} is left untouched. */
    public static int[] sorted(int[] a) {
        int[] copy = Arrays.copyOf(a, a.length);
        sort(copy);
        return copy;
    }
}
