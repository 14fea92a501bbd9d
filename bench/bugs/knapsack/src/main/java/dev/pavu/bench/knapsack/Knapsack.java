package dev.pavu.bench.knapsack;

/** The 0/1 knapsack problem by dynamic programming. */
public final class Knapsack {

    private Knapsack() {
    }

    /** Highest total value of a subset of items whose total weight is at most {@code capacity}. */
    public static int maxValue(int capacity, int[] weights, int[] values) {
        if (weights.length != values.length) {
            throw new IllegalArgumentException("weights and values differ in length");
        }
        int n = weights.length;
        int[][] best = new int[n + 1][capacity + 1];
        for (int i = 1; i <= n; i++) {
            int w = weights[i - 1];
            int v = values[i - 1];
            for (int c = 0; c <= capacity; c++) {
                best[i][c] = best[i - 1][c];
                if (w < c) {
                    best[i][c] = Math.max(best[i][c], best[i - 1][c - w] + v);
                }
            }
        }
        return best[n][capacity];
    }
}
