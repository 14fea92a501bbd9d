package dev.pavu.bench.daterange;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateRangeTest {

    private static final LocalDate JAN_30 = LocalDate.of(2024, 1, 30);
    private static final LocalDate FEB_2 = LocalDate.of(2024, 2, 2);

    @Test
    void containsBothEnds() {
        DateRange range = new DateRange(JAN_30, FEB_2);
        assertTrue(range.contains(JAN_30));
        assertTrue(range.contains(FEB_2));
        assertFalse(range.contains(FEB_2.plusDays(1)));
    }

    @Test
    void listsEveryDate() {
        assertEquals(List.of(JAN_30, JAN_30.plusDays(1), JAN_30.plusDays(2), FEB_2),
                new DateRange(JAN_30, FEB_2).dates());
    }

    @Test
    void singleDayRangeHasOneDay() {
        assertEquals(1, new DateRange(JAN_30, JAN_30).days());
    }

    @Test
    void countsDaysAcrossAMonthEnd() {
        assertEquals(4, new DateRange(JAN_30, FEB_2).days());
    }

    @Test
    void rejectsAReversedRange() {
        assertThrows(IllegalArgumentException.class, () -> new DateRange(FEB_2, JAN_30));
    }
}
