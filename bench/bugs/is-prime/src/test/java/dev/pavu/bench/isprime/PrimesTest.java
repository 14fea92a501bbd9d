package dev.pavu.bench.isprime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrimesTest {

    @Test
    void smallPrimes() {
        assertTrue(Primes.isPrime(2));
        assertTrue(Primes.isPrime(3));
        assertTrue(Primes.isPrime(97));
    }

    @Test
    void composites() {
        assertFalse(Primes.isPrime(4));
        assertFalse(Primes.isPrime(91));
    }

    @Test
    void zeroAndOneAreNotPrime() {
        assertFalse(Primes.isPrime(0));
        assertFalse(Primes.isPrime(1));
    }

    @Test
    void negativeNumbersAreNotPrime() {
        assertFalse(Primes.isPrime(-7));
    }

    @Test
    void nextPrime() {
        assertEquals(17, Primes.nextPrime(13));
        assertEquals(2, Primes.nextPrime(-5));
    }
}
