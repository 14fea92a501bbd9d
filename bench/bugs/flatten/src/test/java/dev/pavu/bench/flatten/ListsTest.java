package dev.pavu.bench.flatten;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListsTest {

    @Test
    void emptyList() {
        assertEquals(List.of(), Lists.flatten(List.of()));
    }

    @Test
    void flatListIsUnchanged() {
        assertEquals(List.of(1, "two", 3.0), Lists.flatten(List.of(1, "two", 3.0)));
    }

    @Test
    void oneLevelOfNesting() {
        assertEquals(List.of(1, 2, 3, 4), Lists.flatten(List.of(1, List.of(2, 3), 4)));
    }

    @Test
    void deepNesting() {
        assertEquals(List.of(1, 2, 3, 4, 5),
                Lists.flatten(List.of(List.of(1, List.of(2, List.of(3))), List.of(), 4, List.of(List.of(5)))));
    }
}
