package dev.pavu.bench.sieve;

import java.util.ArrayList;
import java.util.List;

/** Sieve of Eratosthenes. */
public final class Sieve {

    private Sieve() {
    }

    /** All primes p with 2 <= p <= n, ascending. */
    public static List<Integer> primesUpTo(int n) {
        List<Integer> primes = new ArrayList<>();
        if (n < 2) {
            return primes;
        }
        boolean[] composite = new boolean[n + 1];
        for (int i = 2; (long) i * i <= n; i++) {
            if (!composite[i]) {
                for (int j = i * i; j < n; j += i) {
                    composite[j] = true;
                }
            }
        }
        for (int i = 2; i <= n; i++) {
            if (!composite[i]) {
                primes.add(i);
            }
        }
        return primes;
    }
}
