package dev.pavu.planner.localisation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the frames of Java stack traces (as printed by {@code Throwable.printStackTrace}, Surefire or a log). */
public final class StackTraces {

    /**
     * {@code at [module/|loader//]pkg.Class.method(File.java:12)}; the loader / module prefix is dropped,
     * {@code Native Method} and {@code Unknown Source} give line -1.
     */
    private static final Pattern FRAME = Pattern.compile(
            "at\\s+(?:[\\w.$-]+(?:@[\\w.-]+)?/+)?([\\w$.]+)\\.([\\w$<>]+)\\(([^:)]*)(?::(\\d+))?\\)");

    private StackTraces() {
    }

    /**
     * @param text a stack trace or a whole log; {@code null} gives no frames
     * @return the frames in printed order (top of stack first, "Caused by" sections following)
     */
    public static List<StackFrame> parse(String text) {
        List<StackFrame> frames = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return frames;
        }
        Matcher m = FRAME.matcher(text);
        while (m.find()) {
            String file = m.group(3);
            int line = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
            frames.add(new StackFrame(m.group(1), m.group(2), file.isEmpty() || !file.endsWith(".java") ? null : file, line));
        }
        return frames;
    }

    /**
     * The frames of the innermost cause: for a trace with "Caused by:" sections, the last section holds
     * the throwing code. Without causes this is {@link #parse}.
     *
     * @param text a stack trace
     * @return frames of the root cause followed by the frames of the outer traces
     */
    public static List<StackFrame> rootCauseFirst(String text) {
        if (text == null) {
            return List.of();
        }
        int i = text.lastIndexOf("Caused by:");
        if (i < 0) {
            return parse(text);
        }
        List<StackFrame> frames = new ArrayList<>(parse(text.substring(i)));
        frames.addAll(parse(text.substring(0, i)));
        return frames;
    }
}
