package dev.pavu.actuator.proposer.llm;

import java.util.List;

/**
 * One change to a file, as lines: the block of old lines to find ({@code ' '} context and {@code '-'}
 * removed lines, in order) and what replaces it ({@code ' '} context and {@code '+'} added lines). Parsed
 * from a unified-diff hunk, or made from a search/replace block by a line diff of the two sides.
 *
 * @param lines      the body, in order
 * @param hintLine   1-based old line the model named ({@code @@ -N,…}), or 0 when none
 */
public record Hunk(List<Line> lines, int hintLine) {

    public Hunk {
        lines = List.copyOf(lines);
    }

    /**
     * A body line.
     *
     * @param kind {@code ' '} context, {@code '-'} removed, {@code '+'} added
     * @param text the line without its prefix and line end
     */
    public record Line(char kind, String text) {
    }

    /** @return the context and removed lines: what must be found in the file */
    public List<String> oldLines() {
        return lines.stream().filter(l -> l.kind() != '+').map(Line::text).toList();
    }

    /** @return the context and added lines: what the file holds afterwards */
    public List<String> newLines() {
        return lines.stream().filter(l -> l.kind() != '-').map(Line::text).toList();
    }

    /** @return whether the hunk removes or adds anything */
    public boolean changes() {
        return lines.stream().anyMatch(l -> l.kind() != ' ');
    }

    /**
     * @param oldStart 1-based first old line (as placed)
     * @param newStart 1-based first new line
     * @return the header with counts recounted from the body: {@code @@ -oldStart,oldCount +newStart,newCount @@}
     */
    public String header(int oldStart, int newStart) {
        int oldCount = oldLines().size();
        int newCount = newLines().size();
        return "@@ -" + (oldCount == 0 ? oldStart - 1 : oldStart) + "," + oldCount + " +"
                + (newCount == 0 ? newStart - 1 : newStart) + "," + newCount + " @@";
    }
}
