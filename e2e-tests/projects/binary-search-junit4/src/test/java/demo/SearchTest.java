package demo;

import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class SearchTest {
    private int[] primes;

    @Before
    public void primes() {
        primes = new int[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    }

    @Test(timeout = 3000)
    public void findsTheMiddle() {
        assertEquals(4, Search.indexOf(primes, 11));
    }

    @Test(timeout = 3000)
    public void findsTheLast() {
        assertEquals(9, Search.indexOf(primes, 29));
    }

    @Test(timeout = 3000)
    public void findsTheFirst() {
        assertEquals(0, Search.indexOf(primes, 2));
    }

    @Test(timeout = 3000)
    public void findsTheSecond() {
        assertEquals(1, Search.indexOf(primes, 3));
    }

    @Test(timeout = 3000)
    public void findsTheSecondLast() {
        assertEquals(8, Search.indexOf(primes, 23));
    }

    @Test(timeout = 3000)
    public void belowTheFirst() {
        assertEquals(-1, Search.indexOf(primes, 1));
    }

    @Test(timeout = 3000)
    public void aboveTheLast() {
        assertFalse(Search.contains(primes, 30));
    }

    @Test(timeout = 3000)
    public void between() {
        assertFalse(Search.contains(primes, 12));
    }

    @Test(timeout = 3000)
    public void contains() {
        assertTrue(Search.contains(primes, 13));
    }
}
