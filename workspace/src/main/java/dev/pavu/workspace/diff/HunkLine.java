package dev.pavu.workspace.diff;

import java.util.Objects;

/**
 * One line of a hunk.
 *
 * @param op   whether the line is kept, added or removed
 * @param text the line without its one-character prefix and without the diff's {@code \n};
 *             a trailing {@code \r} of a CRLF file is kept as written in the diff
 */
public record HunkLine(Op op, String text) {

    /** The role of a hunk line, from its first character. */
    public enum Op {
        /** {@code ' '}: present on both sides. */
        CONTEXT(' '),
        /** {@code '+'}: present only in the new file. */
        ADD('+'),
        /** {@code '-'}: present only in the old file. */
        DELETE('-');

        private final char prefix;

        Op(char prefix) {
            this.prefix = prefix;
        }

        /** {@return the character that starts such a line in a unified diff} */
        public char prefix() {
            return prefix;
        }
    }

    /** Validates both components (non-null). */
    public HunkLine {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(text, "text");
    }

    /** {@return true when the line belongs to the old file (context or deletion)} */
    public boolean isOld() {
        return op != Op.ADD;
    }

    /** {@return true when the line belongs to the new file (context or addition)} */
    public boolean isNew() {
        return op != Op.DELETE;
    }
}
