package dev.pavu.actuator.proposer;

import java.util.List;

/**
 * One change a fix pattern proposes at a location: edits of the original text, a one-line description
 * and a weight that ranks it among the pattern's other mutations.
 *
 * @param description what changes, without file and line, e.g. {@code replace < with <=}
 * @param edits       the edits of the original text (non-overlapping)
 * @param weight      in (0, 1]: how likely this mutation is among the pattern's alternatives (1 = the usual fix)
 */
public record Mutation(String description, List<TextEdit> edits, double weight) {

    public Mutation {
        edits = List.copyOf(edits);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a mutation needs at least one edit");
        }
        if (!(weight > 0) || weight > 1) {
            throw new IllegalArgumentException("weight must be in (0, 1], was " + weight);
        }
    }

    /** @return offset of the first edit */
    public int firstOffset() {
        return edits.stream().mapToInt(TextEdit::begin).min().orElse(0);
    }
}
