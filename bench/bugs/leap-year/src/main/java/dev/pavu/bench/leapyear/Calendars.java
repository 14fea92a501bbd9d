package dev.pavu.bench.leapyear;

/** Gregorian calendar arithmetic. */
public final class Calendars {

    private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Calendars() {
    }

    /** Divisible by 4 but not by 100, unless divisible by 400. */
    public static boolean isLeapYear(int year) {
        return (year % 4 == 0 || year % 100 != 0) || year % 400 == 0;
    }

    /** Days in {@code month} (1-12) of {@code year}. */
    public static int daysInMonth(int year, int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month " + month);
        }
        return month == 2 && isLeapYear(year) ? 29 : DAYS[month - 1];
    }
}
