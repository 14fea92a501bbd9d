package dev.pavu.bench.daterange;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** An inclusive range of calendar dates, e.g. the nights of a stay or the days of a leave request. */
public record DateRange(LocalDate start, LocalDate end) {

    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    /** Number of dates in the range, both ends included. */
    public long days() {
        return end.toEpochDay() - start.toEpochDay() - 1;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    public List<LocalDate> dates() {
        return start.datesUntil(end.plusDays(1)).toList();
    }
}
