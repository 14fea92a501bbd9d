package dev.pavu.bench.pagination;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaginatorTest {

    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 21).boxed().toList();

    @Test
    void exactMultipleOfThePageSize() {
        assertEquals(2, Paginator.totalPages(20, 10));
    }

    @Test
    void partialLastPageCounts() {
        assertEquals(3, Paginator.totalPages(21, 10));
    }

    @Test
    void noItemsNoPages() {
        assertEquals(0, Paginator.totalPages(0, 10));
    }

    @Test
    void lastPageHoldsTheRest() {
        assertEquals(List.of(21), Paginator.page(ITEMS, 3, 10).items());
    }

    @Test
    void middlePageHasANextPage() {
        Page<Integer> page = Paginator.page(ITEMS, 2, 10);
        assertEquals(11, page.items().get(0));
        assertTrue(page.hasNext());
    }

    @Test
    void rejectsPageZero() {
        assertThrows(IllegalArgumentException.class, () -> Paginator.page(ITEMS, 0, 10));
    }
}
