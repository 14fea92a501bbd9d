package dev.pavu.bench.binarysearch;

/** Binary search over an ascending int array. */
public final class BinarySearch {

    private BinarySearch() {
    }

    /** Index of {@code key} in {@code sorted}, or -1 when it is absent. */
    public static int indexOf(int[] sorted, int key) {
        int lo = 0;
        int hi = sorted.length; // exclusive
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid;
            } else if (sorted[mid] > key) {
                hi = mid;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** True when {@code key} occurs in {@code sorted}. */
    public static boolean contains(int[] sorted, int key) {
        return indexOf(sorted, key) >= 0;
    }
}
