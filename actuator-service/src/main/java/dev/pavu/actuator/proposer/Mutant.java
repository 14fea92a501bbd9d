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
 * @param scopeBegin  offset of the enclosing member (method, constructor, field, initialiser) in the original,
 *                    or -1 when unknown
 * @param scopeEnd    offset after that member, or -1
 */
public record Mutant(SourceFile source, int line, String pattern, String description, double priority, int rank,
                     List<TextEdit> edits, int scopeBegin, int scopeEnd) {

    /** @return the mutated file text */
    public String mutatedText() {
        return source.apply(edits);
    }

    /** @return true when every edit lies inside the enclosing member */
    public boolean editsInsideScope() {
        return scopeBegin >= 0 && edits.stream().allMatch(e -> e.begin() >= scopeBegin && e.end() <= scopeEnd);
    }

    /** @return the enclosing member's original text */
    public String originalScope() {
        return source.text(scopeBegin, scopeEnd);
    }

    /** @return the enclosing member's text with the edits applied (only valid when {@link #editsInsideScope()}) */
    public String mutatedScope() {
        SourceFile member = SourceFile.of(source.path(), originalScope());
        return member.apply(edits.stream().map(e -> new TextEdit(e.begin() - scopeBegin, e.end() - scopeBegin, e.replacement()))
                .toList());
    }
}
