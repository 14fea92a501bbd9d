package dev.pavu.bench.truncate;

/** Shortening text for display. */
public final class Texts {

    private static final String ELLIPSIS = "...";

    private Texts() {
    }

    /** {@code text} if it fits in {@code maxLength}, else its start followed by "..." in exactly maxLength chars. */
    public static String truncate(String text, int maxLength) {
        if (maxLength < ELLIPSIS.length()) {
            throw new IllegalArgumentException("maxLength below " + ELLIPSIS.length() + ": " + maxLength);
        }
        if (text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, maxLength - 2) + ELLIPSIS;
    }
}
