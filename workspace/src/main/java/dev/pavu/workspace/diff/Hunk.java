package dev.pavu.workspace.diff;

import java.util.List;

/**
 * One {@code @@ -oldStart,oldCount +newStart,newCount @@} block of a file patch.
 *
 * <p>Line numbers are 1-based as in the diff text; a count of 0 means the range is empty and its start names
 * the line <em>after</em> which the change happens (0 = before the first line). The counts always agree with
 * {@link #lines()}: the parser refuses a hunk whose header disagrees with its body.
 *
 * @param oldStart           first old line (1-based; the preceding line when {@code oldCount == 0})
 * @param oldCount           number of context + deleted lines
 * @param newStart           first new line (1-based; the preceding line when {@code newCount == 0})
 * @param newCount           number of context + added lines
 * @param lines              the body, in diff order
 * @param oldMissingNewline  the hunk's last old line is the end of a file without a final newline
 *                           ({@code \ No newline at end of file} after a context or deleted line)
 * @param newMissingNewline  the hunk's last new line ends a file without a final newline
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<HunkLine> lines,
                   boolean oldMissingNewline, boolean newMissingNewline) {

    /** Copies {@code lines} into an unmodifiable list. */
    public Hunk {
        lines = List.copyOf(lines);
    }

    /** {@return the old side: context and deleted lines, in order, as written in the diff} */
    public List<String> oldLines() {
        return lines.stream().filter(HunkLine::isOld).map(HunkLine::text).toList();
    }

    /** {@return the new side: context and added lines, in order, as written in the diff} */
    public List<String> newLines() {
        return lines.stream().filter(HunkLine::isNew).map(HunkLine::text).toList();
    }

    /** {@return the header as it appears in a diff, e.g. {@code @@ -3,7 +3,8 @@}} */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }
}
