package dev.pavu.bench.bubblesort;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class BubbleSortTest {

    private static int[] sorted(int... a) {
        BubbleSort.sort(a);
        return a;
    }

    @Test
    void emptyArray() {
        assertArrayEquals(new int[0], sorted());
    }

    @Test
    void alreadySorted() {
        assertArrayEquals(new int[] {1, 2, 3}, sorted(1, 2, 3));
    }

    @Test
    void oneSwapAway() {
        assertArrayEquals(new int[] {1, 2, 3}, sorted(2, 1, 3));
    }

    @Test
    void reversed() {
        assertArrayEquals(new int[] {1, 2, 3, 4}, sorted(4, 3, 2, 1));
    }

    @Test
    void mixedWithDuplicates() {
        assertArrayEquals(new int[] {-2, 0, 3, 3, 7, 9}, sorted(3, 9, -2, 7, 3, 0));
    }
}
