package dev.pavu.bench.statsmean;

/** Summary statistics of int samples. */
public final class Stats {

    private Stats() {
    }

    public static double mean(int[] values) {
        requireValues(values);
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    public static int max(int[] values) {
        requireValues(values);
        int max = values[0];
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void requireValues(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}
