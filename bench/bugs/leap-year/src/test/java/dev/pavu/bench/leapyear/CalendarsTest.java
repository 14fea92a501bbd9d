package dev.pavu.bench.leapyear;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarsTest {

    @Test
    void yearsDivisibleByFourAreLeap() {
        assertTrue(Calendars.isLeapYear(2024));
        assertTrue(Calendars.isLeapYear(1996));
    }

    @Test
    void yearsDivisibleByFourHundredAreLeap() {
        assertTrue(Calendars.isLeapYear(2000));
    }

    @Test
    void ordinaryYearsAreNotLeap() {
        assertFalse(Calendars.isLeapYear(2023));
    }

    @Test
    void centuriesAreNotLeap() {
        assertFalse(Calendars.isLeapYear(1900));
        assertFalse(Calendars.isLeapYear(2100));
    }

    @Test
    void februaryHas29DaysInLeapYears() {
        assertEquals(29, Calendars.daysInMonth(2024, 2));
        assertEquals(30, Calendars.daysInMonth(2023, 4));
    }
}
