package demo;

/** Percentages. */
public final class Percent {
    private Percent() {
    }

    /** How many percent part is of whole. */
    public static double of(double part, double whole) {
        if (whole == 0) {
            throw new IllegalArgumentException("whole must not be zero");
        }
        return part / whole * 100.0;
    }
}
