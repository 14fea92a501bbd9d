package demo;

/** Small arithmetic helpers (a containment fixture: its one genuine bug is in {@link #max}). */
public final class Calc {

    private Calc() {
    }

    /**
     * @param a one number
     * @param b another
     * @return the larger of the two
     */
    public static int max(int a, int b) {
        return a < b ? a : b;
    }

    /**
     * @param a one number
     * @param b another
     * @return their sum
     */
    public static int sum(int a, int b) {
        return a + b;
    }
}
