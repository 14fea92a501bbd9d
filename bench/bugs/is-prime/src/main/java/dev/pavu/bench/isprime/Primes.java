package dev.pavu.bench.isprime;

/** Primality by trial division. */
public final class Primes {

    private Primes() {
    }

    public static boolean isPrime(long n) {
        if (n < 2) {
            return true;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** The smallest prime greater than {@code n}. */
    public static long nextPrime(long n) {
        long candidate = Math.max(2, n + 1);
        while (!isPrime(candidate)) {
            candidate++;
        }
        return candidate;
    }
}
