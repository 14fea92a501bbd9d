package dev.pavu.contracts;

import java.util.Objects;
import java.util.UUID;

/**
 * A job ended (topic {@link Topics#JOBS}). Verifiers skip the job's remaining candidates.
 *
 * @param envelope           envelope of type {@link EventTypes#JOB_CONCLUDED}
 * @param outcome            how it ended
 * @param reason             one sentence a person can act on
 * @param patch              the plausible patch as a unified diff for {@link Outcome#SUCCEEDED}, else {@code null}
 * @param winningCandidateId the candidate whose verdict was PASS, or {@code null}
 * @param candidatesTried    candidates verified (baseline excluded)
 * @param durationMs         from submission to conclusion, milliseconds
 */
public record JobConcluded(Envelope envelope, Outcome outcome, String reason, String patch, UUID winningCandidateId,
                           int candidatesTried, long durationMs) implements PavuEvent {
    public JobConcluded {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(outcome, "outcome is required");
    }
}
