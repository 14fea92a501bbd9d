package dev.pavu.bench.percentchange;

/** Relative changes, as shown next to prices and KPIs. */
public final class PercentChange {

    private PercentChange() {
    }

    /** Change from {@code before} to {@code after} in percent of |before|; +25 means a quarter more. */
    public static double between(double before, double after) {
        if (before == 0) {
            throw new IllegalArgumentException("no percent change from zero");
        }
        return (before - after) / Math.abs(before) * 100.0;
    }

    /** {@code value} changed by {@code percent} percent. */
    public static double apply(double value, double percent) {
        return value * (1 + percent / 100.0);
    }
}
