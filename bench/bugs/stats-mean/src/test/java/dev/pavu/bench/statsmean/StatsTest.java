package dev.pavu.bench.statsmean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void meanOfEvenlyDivisibleSum() {
        assertEquals(3.0, Stats.mean(new int[] {2, 4}));
    }

    @Test
    void meanKeepsTheFraction() {
        assertEquals(1.5, Stats.mean(new int[] {1, 2}));
        assertEquals(5.0 / 3, Stats.mean(new int[] {1, 2, 2}), 1e-12);
    }

    @Test
    void meanDoesNotOverflow() {
        assertEquals(Integer.MAX_VALUE, Stats.mean(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}));
    }

    @Test
    void max() {
        assertEquals(9, Stats.max(new int[] {3, 9, -2}));
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> Stats.mean(new int[0]));
    }
}
