package dev.pavu.actuator.proposer;

/**
 * One replacement in a source text: the characters {@code [begin, end)} become {@code replacement}.
 *
 * @param begin       first offset replaced (0-based, inclusive)
 * @param end         offset after the last character replaced ({@code begin == end} inserts)
 * @param replacement the new text
 */
public record TextEdit(int begin, int end, String replacement) {

    public TextEdit {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("bad edit range [" + begin + ", " + end + ")");
        }
        replacement = replacement == null ? "" : replacement;
    }

    /**
     * @param offset where to insert
     * @param text   the text inserted
     * @return an edit that inserts {@code text} before {@code offset}
     */
    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, offset, text);
    }
}
