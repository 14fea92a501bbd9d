package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {
    private final int[] primes = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};

    @Test
    void findsTheMiddle() {
        assertEquals(4, Search.indexOf(primes, 11));
    }

    @Test
    void findsTheLast() {
        assertEquals(9, Search.indexOf(primes, 29));
    }

    @Test
    void findsTheFirst() {
        assertEquals(0, Search.indexOf(primes, 2));
    }

    @Test
    void missingKeys() {
        assertEquals(-1, Search.indexOf(primes, 1));
        assertFalse(Search.contains(primes, 30));
        assertTrue(Search.contains(primes, 13));
    }
}
