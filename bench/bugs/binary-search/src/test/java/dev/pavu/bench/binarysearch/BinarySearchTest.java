package dev.pavu.bench.binarysearch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinarySearchTest {

    private static final int[] ODD = {1, 3, 5, 7, 9};

    @Test
    void findsTheMiddleElement() {
        assertEquals(2, BinarySearch.indexOf(ODD, 5));
    }

    @Test
    void findsTheFirstElement() {
        assertEquals(0, BinarySearch.indexOf(ODD, 1));
    }

    @Test
    void emptyArrayContainsNothing() {
        assertEquals(-1, BinarySearch.indexOf(new int[0], 4));
    }

    @Test
    void keyBelowTheRangeIsAbsent() {
        assertFalse(BinarySearch.contains(ODD, 0));
    }

    @Test
    void keyBetweenElementsIsAbsent() {
        assertEquals(-1, BinarySearch.indexOf(ODD, 4));
    }

    @Test
    void keyAboveTheRangeIsAbsent() {
        assertFalse(BinarySearch.contains(ODD, 10));
    }

    @Test
    void findsEveryElement() {
        int[] even = {2, 4, 6, 8, 10, 12};
        for (int i = 0; i < even.length; i++) {
            assertTrue(BinarySearch.contains(even, even[i]));
            assertEquals(i, BinarySearch.indexOf(even, even[i]));
        }
    }
}
