package dev.pavu.actuator.proposer;

import java.util.List;

/**
 * A ranked mutation of one file, not yet checked: its text is made on demand.
 *
 * @param source      the original file
 * @param line        1-based line of the first edit
 * @param pattern     the fix pattern's name
 * @param description one line with file and line, e.g. {@code Stats.java:17 replace < with <=}
 * @param priority    location score × pattern prior × mutation weight
 * @param rank        0-based rank of the suspicious location it came from
 * @param edits       edits of the original text
 */
public record Mutant(SourceFile source, int line, String pattern, String description, double priority, int rank,
                     List<TextEdit> edits) {

    /** @return the mutated file text */
    public String mutatedText() {
        return source.apply(edits);
    }
}
