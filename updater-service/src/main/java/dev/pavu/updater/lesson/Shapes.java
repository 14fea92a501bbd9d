package dev.pavu.updater.lesson;

import java.util.regex.Pattern;

/**
 * Text normalisation for lesson cards: the "shape" of a failure message, so that two failures that differ only in
 * their data (numbers, quoted strings, ids, addresses) read the same, and untrusted text (a failure message is
 * whatever the submitted project's tests printed) is made safe to store and show: no control characters, bounded.
 */
public final class Shapes {

    /** Marks text that was cut to its bound. */
    public static final String ELLIPSIS = "…";

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n]]+");
    private static final Pattern MULTILINE_CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]{0,200}\"|'[^'\\n]{0,200}'");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|@[0-9a-fA-F]{4,}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[-+]?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?(?![\\w])");

    private Shapes() {
    }

    /**
     * Makes untrusted text safe: control and format characters (newlines included) become one space, runs of
     * white space one space, and the result is cut to {@code max} characters (ending in {@value #ELLIPSIS} when cut).
     *
     * @param text any text, or {@code null}
     * @param max  largest result, characters (≥ 1)
     * @return the clean text; {@code ""} for {@code null}
     */
    public static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        // bound first: a multi-megabyte message is not run through the regular expressions whole
        String t = text.length() > 4 * max ? text.substring(0, 4 * max) : text;
        t = CONTROL.matcher(t).replaceAll(" ");
        t = SPACE.matcher(t).replaceAll(" ").strip();
        return cut(t, max);
    }

    /**
     * The shape of a failure message: {@link #clean}ed, then quoted strings become {@code "<str>"}, UUIDs
     * {@code <id>}, hex numbers and identity hashes {@code <hex>}, other numbers {@code <num>}. E.g.
     * {@code expected: <3> but was: <4>} and {@code expected: <10> but was: <12>} share the shape
     * {@code expected: <<num>> but was: <<num>>}.
     *
     * @param message a failure or exception message, or {@code null}
     * @param max     largest result, characters
     * @return the shape; {@code ""} for {@code null}
     */
    public static String shape(String message, int max) {
        String t = clean(message, 4 * max);
        t = QUOTED.matcher(t).replaceAll("\"<str>\"");
        t = UUID.matcher(t).replaceAll("<id>");
        t = HEX.matcher(t).replaceAll("<hex>");
        t = NUMBER.matcher(t).replaceAll("<num>");
        return cut(t, max);
    }

    /**
     * Makes untrusted multi-line text (a diff) safe: control and format characters other than newline and tab are
     * dropped, and the result is cut to {@code max} characters.
     *
     * @param text any text, or {@code null}
     * @param max  largest result, characters
     * @return the clean text; {@code ""} for {@code null}
     */
    public static String lines(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.length() > 2 * max ? text.substring(0, 2 * max) : text;
        return cut(MULTILINE_CONTROL.matcher(t.replace("\r\n", "\n")).replaceAll(""), max);
    }

    /**
     * @param text text, or {@code null}
     * @param max  largest result, characters
     * @return the text cut to {@code max} characters, ending in {@value #ELLIPSIS} when cut; {@code ""} for null
     */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
