package dev.pavu.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failure an error log records, as a signature that survives a fix elsewhere in the code: the exception type and
 * the top frames (class and method, no line numbers: lines move when code is edited) of the log's innermost Java stack
 * trace. The planner reads it from a {@code FIX_LOG} job's {@code errorLog}; the verifier looks for it in the output
 * of the job's reproduce command ({@link #occursIn}). Both sides use this one class, so they agree on what "the same
 * failure" is.
 *
 * <p>A trace is a header line naming a Throwable ({@code java.lang.IllegalStateException: empty},
 * {@code Exception in thread "main" demo.BoomException}, {@code Caused by: …}) followed by {@code at …} lines; log
 * prefixes before the header's exception (timestamps, levels) are ignored. The innermost trace is the last
 * {@code Caused by:} section when there is one.
 *
 * @param exception fully qualified exception type as printed, e.g. {@code java.lang.NullPointerException}
 * @param frames    its top frames, innermost first, as {@code pkg.Class.method} (at most {@link #MAX_FRAMES}; may be
 *                  empty when the log printed none)
 */
public record LoggedFailure(String exception, List<String> frames) {

    /** Frames kept in a signature: enough to tell the failing call apart, few enough to survive refactoring above it. */
    public static final int MAX_FRAMES = 3;

    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at\\s+(?:[\\w.$-]+(?:@[\\w.-]+)?/+)?([\\w$.]+\\.[\\w$<>]+)\\(");
    private static final Pattern ELIDED = Pattern.compile("^\\s*\\.\\.\\. \\d+ (?:more|common frames omitted)");
    /** A qualified Java type name ending in a capitalised simple name, followed by ':' or the end of the line. */
    private static final Pattern TYPE = Pattern.compile(
            "(?:^|[\\s\"':\\[])((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*)(?=:|\\s*$)");

    public LoggedFailure {
        Objects.requireNonNull(exception, "exception is required");
        frames = frames == null ? List.of() : List.copyOf(frames.subList(0, Math.min(MAX_FRAMES, frames.size())));
    }

    /**
     * A trace read from text: its exception type and all its frames, innermost first.
     *
     * @param exception the exception type
     * @param frames    {@code pkg.Class.method} per {@code at} line
     */
    record Trace(String exception, List<String> frames) {
    }

    /**
     * Reads the failure a log records.
     *
     * @param log an error log, a stack trace or any program output; {@code null} gives none
     * @return the innermost trace's signature, or empty when the text holds no Java stack trace with a named exception
     */
    public static Optional<LoggedFailure> of(String log) {
        List<Trace> traces = traces(log);
        if (traces.isEmpty()) {
            return Optional.empty();
        }
        // the innermost cause: the last "Caused by:" section of the last trace group; traces() keeps printed order
        Trace t = traces.getLast();
        return Optional.of(new LoggedFailure(t.exception(), t.frames()));
    }

    /**
     * Whether the failure happened again in some output: a trace there (outer or cause) throws the same exception type
     * with the same top frames (all of this signature's frames, in order, class and method equal).
     *
     * @param output the reproduce command's output (stdout and stderr); {@code null} never holds the failure
     * @return true when the logged failure occurs in it
     */
    public boolean occursIn(String output) {
        for (Trace t : traces(output)) {
            if (t.exception().equals(exception) && t.frames().size() >= frames.size()
                    && t.frames().subList(0, frames.size()).equals(frames)) {
                return true;
            }
        }
        return false;
    }

    /** @return one line for reasons and logs, e.g. {@code java.lang.IllegalStateException at demo.Parser.parse} */
    public String describe() {
        return frames.isEmpty() ? exception : exception + " at " + frames.getFirst();
    }

    /**
     * @param text any text
     * @return its stack traces (each header with at least one {@code at} line below it, or a {@code Caused by:} header),
     *         in printed order
     */
    static List<Trace> traces(String text) {
        List<Trace> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String[] lines = text.split("\\R");
        String header = null;
        List<String> frames = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FRAME.matcher(line);
            if (f.find()) {
                if (frames == null) {
                    String type = i > 0 ? type(lines[i - 1]) : null;
                    if (type == null) {
                        continue;
                    }
                    header = type;
                    frames = new ArrayList<>();
                }
                frames.add(f.group(1));
                continue;
            }
            if (frames != null && ELIDED.matcher(line).find()) {
                continue;
            }
            if (frames != null) {
                out.add(new Trace(header, List.copyOf(frames)));
                frames = null;
            }
        }
        if (frames != null) {
            out.add(new Trace(header, List.copyOf(frames)));
        }
        return out;
    }

    /** @return the exception type a trace header names, or {@code null} */
    private static String type(String header) {
        String h = header.strip();
        int caused = h.indexOf("Caused by:");
        if (caused >= 0) {
            h = h.substring(caused + "Caused by:".length());
        }
        int thread = h.indexOf("Exception in thread \"");
        if (thread >= 0) {
            int close = h.indexOf('"', thread + "Exception in thread \"".length());
            h = close < 0 ? h : h.substring(close + 1);
        }
        // the first qualified type followed by ':' or the line's end: "x.y.Boom: message" or "x.y.Boom"
        int colon = h.indexOf(": ");
        Matcher m = TYPE.matcher(colon < 0 ? h : h.substring(0, colon));
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }
}
