package dev.pavu.bench.percentile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PercentilesTest {

    private static final double[] LATENCIES = {35, 20, 15, 50, 40};

    @Test
    void median() {
        assertEquals(35, Percentiles.percentile(LATENCIES, 50));
    }

    @Test
    void hundredthPercentileIsTheMaximum() {
        assertEquals(50, Percentiles.percentile(LATENCIES, 100));
    }

    @Test
    void lowPercentile() {
        assertEquals(20, Percentiles.percentile(LATENCIES, 30));
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[0], 50));
    }

    @Test
    void rejectsPercentilesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(LATENCIES, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(LATENCIES, 101));
    }
}
