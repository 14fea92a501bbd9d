package dev.pavu.bench.rangemerge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RangesTest {

    @Test
    void nothingToMerge() {
        assertEquals(List.of(), Ranges.merge(List.of()));
    }

    @Test
    void rangeLength() {
        assertEquals(3, new Range(5, 7).length());
    }

    @Test
    void rejectsAnInvertedRange() {
        assertThrows(IllegalArgumentException.class, () -> new Range(3, 2));
    }

    @Test
    void overlappingAndAdjacentRangesMerge() {
        assertEquals(List.of(new Range(1, 6), new Range(10, 12)),
                Ranges.merge(List.of(new Range(10, 12), new Range(4, 6), new Range(1, 3))));
    }

    @Test
    void containedRangeDisappears() {
        assertEquals(List.of(new Range(1, 10)), Ranges.merge(List.of(new Range(1, 10), new Range(3, 4))));
    }
}
