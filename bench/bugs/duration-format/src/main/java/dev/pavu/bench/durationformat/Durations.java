package dev.pavu.bench.durationformat;

/** Formats and parses elapsed times as H:MM:SS. */
public final class Durations {

    private Durations() {
    }

    /** E.g. 3723 seconds is "1:02:03"; hours are not wrapped. */
    public static String format(long totalSeconds) {
        if (totalSeconds < 0) {
            throw new IllegalArgumentException("negative duration: " + totalSeconds);
        }
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds % 3600 / 60;
        long seconds = totalSeconds / 60;
        return String.format("%d:%02d:%02d", hours, minutes, seconds);
    }

    /** Inverse of {@link #format(long)}. */
    public static long parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected H:MM:SS, got " + text);
        }
        return Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
    }
}
