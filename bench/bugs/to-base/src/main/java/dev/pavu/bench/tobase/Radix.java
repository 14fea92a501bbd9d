package dev.pavu.bench.tobase;

/** Writing non-negative ints in bases 2 to 36. */
public final class Radix {

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Radix() {
    }

    public static String toBase(int num, int base) {
        if (base < 2 || base > DIGITS.length()) {
            throw new IllegalArgumentException("base out of range: " + base);
        }
        if (num < 0) {
            throw new IllegalArgumentException("negative: " + num);
        }
        if (num == 0) {
            return "0";
        }
        String result = "";
        while (num > 0) {
            result = result + DIGITS.charAt(num % base);
            num /= base;
        }
        return result;
    }
}
