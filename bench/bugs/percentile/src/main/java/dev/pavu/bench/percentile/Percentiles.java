package dev.pavu.bench.percentile;

import java.util.Arrays;

/** Nearest-rank percentiles, as used for latency reports (p50, p95, p99). */
public final class Percentiles {

    private Percentiles() {
    }

    /** The smallest value such that at least {@code p} percent of the values are <= it; 0 < p <= 100. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[rank];
    }
}
