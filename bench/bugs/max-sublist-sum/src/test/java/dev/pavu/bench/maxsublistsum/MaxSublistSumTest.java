package dev.pavu.bench.maxsublistsum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaxSublistSumTest {

    @Test
    void emptyListSumsToZero() {
        assertEquals(0, MaxSublistSum.maxSublistSum(new int[0]));
    }

    @Test
    void allPositiveTakesEverything() {
        assertEquals(10, MaxSublistSum.maxSublistSum(new int[] {1, 2, 3, 4}));
    }

    @Test
    void allNegativeTakesNothing() {
        assertEquals(0, MaxSublistSum.maxSublistSum(new int[] {-3, -1, -2}));
    }

    @Test
    void bestRunAfterANegativeDip() {
        assertEquals(5, MaxSublistSum.maxSublistSum(new int[] {4, -5, 2, 1, -1, 3}));
    }

    @Test
    void negativeFirstElement() {
        assertEquals(3, MaxSublistSum.maxSublistSum(new int[] {-1, 3}));
    }
}
