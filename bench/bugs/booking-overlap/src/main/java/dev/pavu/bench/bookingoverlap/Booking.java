package dev.pavu.bench.bookingoverlap;

import java.time.LocalDateTime;
import java.util.Objects;

/** A room booked for the half-open interval [start, end). */
public record Booking(String room, LocalDateTime start, LocalDateTime end) {

    public Booking {
        Objects.requireNonNull(room, "room");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("empty booking " + start + " - " + end);
        }
    }

    /** True when both bookings are for the same room and share some instant. */
    public boolean conflictsWith(Booking other) {
        return room.equals(other.room) && (start.isBefore(other.end) || other.start.isBefore(end));
    }
}
