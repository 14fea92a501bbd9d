package dev.pavu.contracts;

import java.util.UUID;

/** Any Pavu event: a record with an {@link Envelope} and a small payload. */
public sealed interface PavuEvent
        permits JobSubmitted, JobConcluded, JobCancelled, JobExpired, ResultBranchDelivered, PlanProposed, CandidatesProposed, DiffProposed,
        VerdictIssued {

    /** @return the envelope (ids, type, iteration, causation, time, producer) */
    Envelope envelope();

    /** @return the job id of the envelope */
    default UUID jobId() {
        return envelope().jobId();
    }

    /** @return the event id of the envelope */
    default UUID eventId() {
        return envelope().eventId();
    }
}
