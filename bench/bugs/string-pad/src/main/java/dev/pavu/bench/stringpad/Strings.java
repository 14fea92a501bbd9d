package dev.pavu.bench.stringpad;

/** Small string helpers for form input and fixed-width output. */
public final class Strings {

    private Strings() {
    }

    /** True for null, empty and whitespace-only strings. */
    public static boolean isBlank(String s) {
        return s.strip().isEmpty();
    }

    public static String defaultIfBlank(String s, String fallback) {
        return isBlank(s) ? fallback : s;
    }

    /** {@code s} right-aligned in {@code width} columns; null counts as empty. */
    public static String padLeft(String s, int width, char pad) {
        String text = s == null ? "" : s;
        return text.length() >= width ? text : String.valueOf(pad).repeat(width - text.length()) + text;
    }

    /** {@code s} left-aligned in {@code width} columns; null counts as empty. */
    public static String padRight(String s, int width, char pad) {
        String text = s == null ? "" : s;
        return text.length() >= width ? text : text + String.valueOf(pad).repeat(width - text.length());
    }
}
