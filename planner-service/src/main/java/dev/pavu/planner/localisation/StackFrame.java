package dev.pavu.planner.localisation;

/**
 * One {@code at ...} line of a Java stack trace.
 *
 * @param className binary class name as printed, e.g. {@code com.acme.Stats$Window}
 * @param method    method name as printed, e.g. {@code mean} or {@code lambda$mean$0}
 * @param fileName  source file name as printed, e.g. {@code Stats.java}, or {@code null}
 * @param line      1-based line, or -1 when not printed
 */
public record StackFrame(String className, String method, String fileName, int line) {

    /** @return the top-level class: the binary name up to the first {@code $} */
    public String outerClassName() {
        int i = className.indexOf('$');
        return i < 0 ? className : className.substring(0, i);
    }
}
