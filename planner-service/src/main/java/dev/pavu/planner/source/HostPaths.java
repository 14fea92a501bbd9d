package dev.pavu.planner.source;

import java.util.regex.Pattern;

/**
 * Removes the planner machine's absolute paths from texts shown to users (a job's reason, a problem body): they
 * would tell a submitter where Pavu keeps its files and whose home it runs in. URLs keep their paths.
 */
public final class HostPaths {

    /** An absolute path: a {@code /} at the start or after a space, quote or bracket, then at least one segment. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<=^|[\\s'\"(\\[=])/[^\\s'\"()\\[\\],;]+");

    private HostPaths() {
    }

    /**
     * @param text a message, or {@code null}
     * @return the message with every absolute path replaced by {@code <path>}; {@code null} stays {@code null}
     */
    public static String redact(String text) {
        return text == null ? null : ABSOLUTE.matcher(text).replaceAll("<path>");
    }
}
