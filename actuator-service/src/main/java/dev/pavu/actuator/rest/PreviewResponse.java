package dev.pavu.actuator.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The template proposer's candidates for one file.
 *
 * @param candidates the candidates, most promising first
 * @param rejected   mutants dropped (do not parse, duplicates, do not apply)
 * @param problems   what went wrong on the way (unparsable file, no statement at the line), plus a sample of rejections
 */
@Schema(description = "Candidate patches, most promising first")
public record PreviewResponse(List<PreviewCandidate> candidates, int rejected, List<String> problems) {

    /**
     * @param pattern     fix pattern name
     * @param description one line, e.g. {@code Stats.java:17 replace < with <=}
     * @param priority    rank score (location score × pattern prior × mutation weight)
     * @param diff        git-style unified diff
     */
    @Schema(description = "One candidate patch")
    public record PreviewCandidate(String pattern, String description, double priority, String diff) {
    }
}
