package dev.pavu.bench.kthsmallest;

import java.util.ArrayList;
import java.util.List;

/** Quickselect: the k-th smallest element without sorting. */
public final class KthSmallest {

    private KthSmallest() {
    }

    /** The element that would be at index {@code k} (0-based) if {@code xs} were sorted. */
    public static int kth(List<Integer> xs, int k) {
        if (k < 0 || k >= xs.size()) {
            throw new IllegalArgumentException("k " + k + " out of range for " + xs.size() + " elements");
        }
        return select(xs, k);
    }

    private static int select(List<Integer> xs, int k) {
        int pivot = xs.get(0);
        List<Integer> below = new ArrayList<>();
        List<Integer> above = new ArrayList<>();
        for (int x : xs) {
            if (x < pivot) {
                below.add(x);
            } else if (x > pivot) {
                above.add(x);
            }
        }
        int numLess = below.size();
        int numLessOrEqual = xs.size() - above.size();
        if (k < numLess) {
            return select(below, k);
        } else if (k >= numLessOrEqual) {
            return select(above, k - numLess);
        } else {
            return pivot;
        }
    }
}
