package dev.pavu.bench.bookingoverlap;

import java.util.ArrayList;
import java.util.List;

/** Accepts bookings that do not conflict with the ones already made. */
public final class RoomCalendar {

    private final List<Booking> bookings = new ArrayList<>();

    /** Books {@code booking} unless it conflicts with an existing one. */
    public boolean book(Booking booking) {
        for (Booking existing : bookings) {
            if (existing.conflictsWith(booking)) {
                return false;
            }
        }
        bookings.add(booking);
        return true;
    }

    public List<Booking> bookings() {
        return List.copyOf(bookings);
    }
}
