package dev.pavu.bench.insertionsort;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class InsertionSortTest {

    @Test
    void emptyArrayStaysEmpty() {
        assertArrayEquals(new int[0], InsertionSort.sorted(new int[0]));
    }

    @Test
    void singleElement() {
        assertArrayEquals(new int[] {42}, InsertionSort.sorted(new int[] {42}));
    }

    @Test
    void alreadySortedInputIsUnchanged() {
        assertArrayEquals(new int[] {1, 2, 3, 4}, InsertionSort.sorted(new int[] {1, 2, 3, 4}));
    }

    @Test
    void sortsReversedInput() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, InsertionSort.sorted(new int[] {5, 4, 3, 2, 1}));
    }

    @Test
    void sortsWithDuplicatesAndNegatives() {
        int[] a = {3, -1, 2, 3, 0, -1};
        InsertionSort.sort(a);
        assertArrayEquals(new int[] {-1, -1, 0, 2, 3, 3}, a);
    }
}
