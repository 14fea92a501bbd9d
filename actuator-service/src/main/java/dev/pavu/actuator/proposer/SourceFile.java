package dev.pavu.actuator.proposer;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text of one source file with a line table, so that JavaParser node ranges map to character
 * offsets and a mutation can be spliced into the original text. Splicing keeps every untouched
 * character as it was: a candidate's diff shows only the mutated lines, never a reformatted file.
 */
public final class SourceFile {

    private final String path;
    private final String text;
    private final int[] lineStarts;

    private SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                starts.add(i + 1);
            } else if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param path repository-relative path (used in descriptions and diffs)
     * @param text the file's content
     * @return the source file
     */
    public static SourceFile of(String path, String text) {
        return new SourceFile(path, text == null ? "" : text);
    }

    /** @return the repository-relative path */
    public String path() {
        return path;
    }

    /** @return the file name without directories, e.g. {@code Stats.java} */
    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** @return the whole text */
    public String text() {
        return text;
    }

    /** @return number of lines */
    public int lineCount() {
        return lineStarts.length;
    }

    /**
     * @param position a JavaParser position (1-based line and column, tab size 1)
     * @return the character offset of that position
     */
    public int offset(Position position) {
        int line = Math.min(Math.max(position.line, 1), lineStarts.length);
        return Math.min(lineStarts[line - 1] + position.column - 1, text.length());
    }

    /**
     * @param node a node of this file's AST
     * @return offset of its first character
     */
    public int begin(Node node) {
        return offset(range(node).begin);
    }

    /**
     * @param node a node of this file's AST
     * @return offset after its last character
     */
    public int end(Node node) {
        return Math.min(offset(range(node).end) + 1, text.length());
    }

    /**
     * @param node a node of this file's AST
     * @return its original text, exactly as written
     */
    public String text(Node node) {
        return text.substring(begin(node), end(node));
    }

    /**
     * @param begin first offset
     * @param end   offset after the last character
     * @return the text between
     */
    public String text(int begin, int end) {
        return text.substring(begin, end);
    }

    /**
     * @param offset a character offset
     * @return its 1-based line
     */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /**
     * @param line 1-based line
     * @return offset of the line's first character
     */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /**
     * @param line 1-based line
     * @return offset just after the line's terminator (or the end of the text on the last line)
     */
    public int nextLineStart(int line) {
        return line < lineStarts.length ? lineStarts[line] : text.length();
    }

    /**
     * @param line 1-based line
     * @return the line's leading spaces and tabs
     */
    public String indentation(int line) {
        int start = lineStart(line);
        int i = start;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(start, i);
    }

    /**
     * @param line 1-based line
     * @return the line's text without its terminator
     */
    public String line(int line) {
        int start = lineStart(line);
        int end = nextLineStart(line);
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** @return the line terminator this file uses ({@code \n} when it has none) */
    public String lineSeparator() {
        int nl = text.indexOf('\n');
        if (nl > 0 && text.charAt(nl - 1) == '\r') {
            return "\r\n";
        }
        return nl < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n";
    }

    /**
     * Applies edits to the original text.
     *
     * @param edits non-overlapping edits, in any order
     * @return the edited text
     * @throws IllegalArgumentException when two edits overlap
     */
    public String apply(List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::begin).thenComparingInt(TextEdit::end));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (TextEdit e : sorted) {
            if (e.begin() < at) {
                throw new IllegalArgumentException("overlapping edits at offset " + e.begin());
            }
            out.append(text, at, e.begin()).append(e.replacement());
            at = e.end();
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    private static Range range(Node node) {
        return node.getRange().orElseThrow(() -> new IllegalArgumentException("node without a range: " + node));
    }
}
