package dev.pavu.bench.percentchange;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PercentChangeTest {

    @Test
    void noChange() {
        assertEquals(0.0, PercentChange.between(80, 80), 1e-9);
    }

    @Test
    void increase() {
        assertEquals(25.0, PercentChange.between(80, 100), 1e-9);
    }

    @Test
    void decrease() {
        assertEquals(-50.0, PercentChange.between(10, 5), 1e-9);
    }

    @Test
    void applyingAChange() {
        assertEquals(100.0, PercentChange.apply(80, 25), 1e-9);
    }

    @Test
    void rejectsZeroBase() {
        assertThrows(IllegalArgumentException.class, () -> PercentChange.between(0, 5));
    }
}
