package dev.pavu.bench.gcd;

/** Greatest common divisor and least common multiple of non-negative integers. */
public final class Gcd {

    private Gcd() {
    }

    /** Euclid's algorithm: gcd(a, 0) = a and gcd(a, b) = gcd(b, a mod b). */
    public static int gcd(int a, int b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("negative argument: " + a + ", " + b);
        }
        if (b == 0) {
            return a;
        }
        return gcd(a % b, b);
    }

    /** Least common multiple; lcm(x, 0) = 0. */
    public static int lcm(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a / gcd(a, b) * b;
    }
}
