package dev.pavu.bench.bitcount;

/** Bit tricks on non-negative ints. */
public final class Bits {

    private Bits() {
    }

    /** Number of 1 bits in {@code n} (Kernighan: each step clears the lowest set bit). */
    public static int bitCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        int count = 0;
        while (n != 0) {
            n ^= n - 1;
            count++;
        }
        return count;
    }

    /** True when {@code n} is a positive power of two. */
    public static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
