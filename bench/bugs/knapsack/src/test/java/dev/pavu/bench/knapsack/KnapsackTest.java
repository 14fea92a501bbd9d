package dev.pavu.bench.knapsack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnapsackTest {

    @Test
    void noItemsNoValue() {
        assertEquals(0, Knapsack.maxValue(10, new int[0], new int[0]));
    }

    @Test
    void nothingFits() {
        assertEquals(0, Knapsack.maxValue(2, new int[] {3, 4}, new int[] {10, 20}));
    }

    @Test
    void choosesTheBestSubsetWithRoomToSpare() {
        assertEquals(110, Knapsack.maxValue(10, new int[] {3, 4, 5}, new int[] {30, 50, 60}));
    }

    @Test
    void itemThatFillsTheKnapsackExactly() {
        assertEquals(10, Knapsack.maxValue(5, new int[] {5}, new int[] {10}));
    }

    @Test
    void classicExample() {
        assertEquals(220, Knapsack.maxValue(50, new int[] {10, 20, 30}, new int[] {60, 100, 120}));
    }

    @Test
    void rejectsMismatchedArrays() {
        assertThrows(IllegalArgumentException.class, () -> Knapsack.maxValue(5, new int[] {1}, new int[0]));
    }
}
