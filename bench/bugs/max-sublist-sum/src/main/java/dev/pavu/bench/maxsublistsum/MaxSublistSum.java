package dev.pavu.bench.maxsublistsum;

/** Largest sum of a contiguous sub-list (Kadane); the empty sub-list counts, so the result is >= 0. */
public final class MaxSublistSum {

    private MaxSublistSum() {
    }

    public static int maxSublistSum(int[] xs) {
        int maxEndingHere = 0;
        int maxSoFar = 0;
        for (int x : xs) {
            maxEndingHere = maxEndingHere + x;
            maxSoFar = Math.max(maxSoFar, maxEndingHere);
        }
        return maxSoFar;
    }
}
