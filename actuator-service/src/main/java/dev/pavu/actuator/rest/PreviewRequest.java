package dev.pavu.actuator.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A file and the suspicious line(s) to preview candidates for.
 *
 * @param path          repository-relative path used in the diffs (default {@code Preview.java})
 * @param content       the file's content
 * @param line          the suspicious line (1-based); ignored when {@code lines} is given
 * @param lines         several suspicious lines, most suspicious first (optional)
 * @param maxCandidates at most this many candidates (default 50)
 */
@Schema(description = "A Java file and the suspicious line(s) to mutate")
public record PreviewRequest(
        @Schema(description = "repository-relative path used in the diffs", example = "src/main/java/com/acme/Stats.java")
        String path,
        @Schema(description = "the file's content", required = true)
        String content,
        @Schema(description = "the suspicious line, 1-based", example = "17")
        Integer line,
        @Schema(description = "several suspicious lines, most suspicious first (overrides line)")
        List<Integer> lines,
        @Schema(description = "at most this many candidates", defaultValue = "50")
        Integer maxCandidates) {
}
