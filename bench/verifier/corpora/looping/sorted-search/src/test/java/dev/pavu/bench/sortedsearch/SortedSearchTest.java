package dev.pavu.bench.sortedsearch;

import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertEquals;

public class SortedSearchTest {

    private int[] primes;

    @Before
    public void setUp() {
        primes = new int[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    }

    @Test(timeout = 1000)
    public void findsTheFirst() {
        assertEquals(0, SortedSearch.indexOf(primes, 2));
    }

    @Test(timeout = 1000)
    public void findsTheLast() {
        assertEquals(9, SortedSearch.indexOf(primes, 29));
    }

    @Test(timeout = 1000)
    public void findsOneInTheUpperHalf() {
        assertEquals(7, SortedSearch.indexOf(primes, 19));
    }

    @Test(timeout = 1000)
    public void missesAKeyAboveAll() {
        assertEquals(-1, SortedSearch.indexOf(primes, 31));
    }

    @Test(timeout = 1000)
    public void missesAKeyInAGap() {
        assertEquals(-1, SortedSearch.indexOf(primes, 20));
    }

    @Test(timeout = 1000)
    public void findsInATwoElementArray() {
        assertEquals(1, SortedSearch.indexOf(new int[] {4, 8}, 8));
    }

    @Test(timeout = 1000)
    public void emptyArray() {
        assertEquals(-1, SortedSearch.indexOf(new int[0], 1));
    }

    @Test(timeout = 1000)
    public void bounds() {
        int[] a = {1, 2, 2, 2, 5};
        assertEquals(1, SortedSearch.lowerBound(a, 2));
        assertEquals(4, SortedSearch.upperBound(a, 2));
        assertEquals(5, SortedSearch.lowerBound(a, 6));
        assertEquals(0, SortedSearch.upperBound(a, 0));
    }

    @Test(timeout = 1000)
    public void countsInARange() {
        assertEquals(4, SortedSearch.countInRange(primes, 10, 20));
        assertEquals(0, SortedSearch.countInRange(primes, 20, 10));
        assertEquals(10, SortedSearch.countInRange(primes, 0, 100));
    }
}
