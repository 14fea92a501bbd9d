package dev.pavu.contracts;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The actuator's answer to a plan, after it has emitted that plan's {@link DiffProposed} events
 * (topic {@link Topics#PLANS}, key = job id). Tells the planner how many verdicts to wait for.
 *
 * @param envelope       envelope of type {@link EventTypes#CANDIDATES_PROPOSED}; causation = the plan's event id
 * @param planId         the plan answered
 * @param candidateCount candidates emitted for this plan (0 when nothing could be proposed)
 * @param rejectedCount  candidates dropped (duplicates, failed dry-run apply, already tried)
 * @param rejections     a sample of rejection reasons, each one line (at most a few dozen)
 * @param note           a short summary, e.g. "37 candidates from 9 patterns at 4 locations"
 */
public record CandidatesProposed(Envelope envelope, UUID planId, int candidateCount, int rejectedCount,
                                 List<String> rejections, String note) implements PavuEvent {
    public CandidatesProposed {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(planId, "planId is required");
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }
}
