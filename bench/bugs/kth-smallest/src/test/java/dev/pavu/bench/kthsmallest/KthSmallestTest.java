package dev.pavu.bench.kthsmallest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KthSmallestTest {

    private static final List<Integer> XS = List.of(5, 1, 9, 3, 7);

    @Test
    void smallest() {
        assertEquals(1, KthSmallest.kth(XS, 0));
    }

    @Test
    void thePivotItself() {
        assertEquals(5, KthSmallest.kth(XS, 2));
    }

    @Test
    void largest() {
        assertEquals(9, KthSmallest.kth(XS, 4));
    }

    @Test
    void everyRankMatchesTheSortedOrder() {
        List<Integer> xs = List.of(4, 8, 4, 2, 6, 8, 1);
        List<Integer> sorted = xs.stream().sorted().toList();
        for (int k = 0; k < xs.size(); k++) {
            assertEquals(sorted.get(k), KthSmallest.kth(xs, k), "k = " + k);
        }
    }

    @Test
    void rejectsKOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> KthSmallest.kth(XS, 5));
    }
}
