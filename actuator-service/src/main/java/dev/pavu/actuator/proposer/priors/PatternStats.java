package dev.pavu.actuator.proposer.priors;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The updater's success statistics of fix patterns ({@code GET /stats/patterns}): verified candidates
 * and PASS verdicts per pattern, per baseline failure kind, and per both.
 *
 * @param patterns                per fix pattern ({@code failureKind} null)
 * @param failureKinds            per failure kind ({@code pattern} null)
 * @param byFailureKindAndPattern per (failure kind, pattern)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatternStats(List<Row> patterns, List<Row> failureKinds, List<Row> byFailureKindAndPattern) {

    public PatternStats {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        failureKinds = failureKinds == null ? List.of() : List.copyOf(failureKinds);
        byFailureKindAndPattern = byFailureKindAndPattern == null ? List.of() : List.copyOf(byFailureKindAndPattern);
    }

    /**
     * One group.
     *
     * @param failureKind failure kind, or {@code null}
     * @param pattern     fix pattern, or {@code null}
     * @param candidates  verified candidates
     * @param passes      candidates whose verdict was PASS
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String failureKind, String pattern, long candidates, @JsonAlias("passCount") long passes) {
    }
}
