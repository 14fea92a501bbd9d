package dev.pavu.bench.bookingoverlap;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomCalendarTest {

    private static Booking booking(String room, int fromHour, int toHour) {
        return new Booking(room, LocalDateTime.of(2024, 5, 6, fromHour, 0), LocalDateTime.of(2024, 5, 6, toHour, 0));
    }

    @Test
    void acceptsTheFirstBooking() {
        assertTrue(new RoomCalendar().book(booking("A", 9, 10)));
    }

    @Test
    void refusesAnOverlappingBooking() {
        RoomCalendar calendar = new RoomCalendar();
        calendar.book(booking("A", 9, 11));
        assertFalse(calendar.book(booking("A", 10, 12)));
        assertEquals(1, calendar.bookings().size());
    }

    @Test
    void sameSlotInAnotherRoomIsFine() {
        RoomCalendar calendar = new RoomCalendar();
        calendar.book(booking("A", 9, 10));
        assertTrue(calendar.book(booking("B", 9, 10)));
    }

    @Test
    void backToBackBookingsDoNotConflict() {
        RoomCalendar calendar = new RoomCalendar();
        calendar.book(booking("A", 9, 10));
        assertTrue(calendar.book(booking("A", 10, 11)));
    }

    @Test
    void laterDisjointBookingIsAccepted() {
        RoomCalendar calendar = new RoomCalendar();
        calendar.book(booking("A", 14, 15));
        assertTrue(calendar.book(booking("A", 9, 10)));
    }
}
