package dev.pavu.verifier.gate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One problem a linter reported.
 *
 * @param file    path relative to the project root, {@code /}-separated (e.g. {@code src/main/java/demo/Foo.java})
 * @param line    1-based line; 0 when the linter gave none
 * @param column  1-based column; 0 when the linter gave none
 * @param rule    the rule's short name (Checkstyle: {@code NeedBraces}); empty when the linter puts it in the message
 *                (ruff: {@code F401 …}, mypy: {@code … [return-value]})
 * @param message the linter's message, e.g. {@code 'if' construct must use '{}'s.}
 */
public record LintProblem(String file, int line, int column, String rule, String message) {

    private static final Pattern LINE_REFERENCE = Pattern.compile("\\bline \\d+\\b");

    public LintProblem {
        Objects.requireNonNull(file, "file");
        rule = rule == null ? "" : rule;
        message = message == null ? "" : message.strip();
    }

    /**
     * What identifies the problem regardless of where it sits: file, rule and message, without line and column
     * (and with {@code line N} references inside the message blanked), so that a patch that only moves an old
     * problem does not turn it into a new one.
     *
     * @return the matching key
     */
    public String key() {
        return file + "\u0000" + rule + "\u0000" + LINE_REFERENCE.matcher(message).replaceAll("line _");
    }

    /** @return e.g. {@code src/main/java/demo/Foo.java:12:9: NeedBraces: 'if' construct must use '{}'s.} */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "") + ": " + (rule.isEmpty() ? "" : rule + ": ") + message;
    }
}
