package dev.pavu.bench.sieve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SieveTest {

    @Test
    void noPrimesBelowTwo() {
        assertEquals(List.of(), Sieve.primesUpTo(1));
    }

    @Test
    void twoIsTheFirstPrime() {
        assertEquals(List.of(2), Sieve.primesUpTo(2));
    }

    @Test
    void primesUpToAPrime() {
        assertEquals(List.of(2, 3, 5, 7, 11, 13), Sieve.primesUpTo(13));
    }

    @Test
    void primesUpToTen() {
        assertEquals(List.of(2, 3, 5, 7), Sieve.primesUpTo(10));
    }

    @Test
    void twentyFivePrimesBelowAHundred() {
        List<Integer> primes = Sieve.primesUpTo(100);
        assertEquals(25, primes.size());
        assertEquals(97, primes.get(24));
    }
}
