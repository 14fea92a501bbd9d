package dev.pavu.bench.pascaltriangle;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PascalTest {

    @Test
    void noRows() {
        assertEquals(List.of(), Pascal.rows(0));
    }

    @Test
    void firstTwoRows() {
        assertEquals(List.of(List.of(1), List.of(1, 1)), Pascal.rows(2));
    }

    @Test
    void fiveRows() {
        assertEquals(List.of(List.of(1), List.of(1, 1), List.of(1, 2, 1), List.of(1, 3, 3, 1),
                List.of(1, 4, 6, 4, 1)), Pascal.rows(5));
    }

    @Test
    void rowSumsArePowersOfTwo() {
        List<List<Integer>> rows = Pascal.rows(10);
        assertEquals(512, rows.get(9).stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> Pascal.rows(-1));
    }
}
