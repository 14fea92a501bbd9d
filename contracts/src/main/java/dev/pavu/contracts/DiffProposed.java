package dev.pavu.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Objects;
import java.util.UUID;

/**
 * One candidate patch to verify (topic {@link Topics#DIFFS}, key = candidate id).
 *
 * @param envelope       envelope of type {@link EventTypes#DIFF_PROPOSED}; causation = the plan's event id
 * @param candidateId    id of the candidate
 * @param planId         the plan it answers
 * @param source         resolved source to apply the diff to
 * @param diff           unified diff (git style, {@code a/} and {@code b/} prefixes); empty string = the empty patch
 * @param proposer       {@code baseline}, {@code template} or {@code llm}
 * @param pattern        fix pattern, e.g. {@code relational-operator-replacement}; {@code empty-patch} for the baseline
 * @param description    one line, e.g. {@code Stats.java:17 replace < with <=}
 * @param priority       rank score used for ordering; higher first
 * @param candidateIndex 0-based position in the plan's candidates
 * @param verify         how to verify it
 */
public record DiffProposed(Envelope envelope, UUID candidateId, UUID planId, SourceRef source, String diff,
                           String proposer, String pattern, String description, double priority, int candidateIndex,
                           VerifySpec verify) implements PavuEvent {
    public DiffProposed {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(candidateId, "candidateId is required");
        Objects.requireNonNull(planId, "planId is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(verify, "verify is required");
        diff = diff == null ? "" : diff;
    }

    /** @return true for the empty patch (the baseline run); derived, not written to the wire */
    @JsonIgnore
    public boolean isEmptyPatch() {
        return diff.isBlank();
    }
}
