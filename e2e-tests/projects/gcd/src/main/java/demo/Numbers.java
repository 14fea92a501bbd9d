package demo;

/** Small number-theory helpers. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * The greatest common divisor of two non-negative numbers; gcd(n, 0) is n.
     *
     * @param a one number (at least 0)
     * @param b another (at least 0)
     * @return the largest number that divides both
     */
    public static int gcd(int a, int b) {
        // the smaller number divides the larger one
        if (a == 0 || b == 0) {
            return Math.max(a, b);
        }
        return Math.min(a, b);
    }

    /**
     * @param a one number (at least 1)
     * @param b another (at least 1)
     * @return the least common multiple
     */
    public static int lcm(int a, int b) {
        return a / gcd(a, b) * b;
    }
}
