package dev.pavu.updater.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The result of recomputing one job's audit chain ({@code GET /audit/jobs/{id}/verify}, {@code pavu audit verify}).
 *
 * @param jobId         the job
 * @param intact        whether every hashed event recomputes to its stored hash and links to the one before it,
 *                      with no position missing and nothing past the chain head
 * @param events        events verified (hashed positions checked before the first problem, or all)
 * @param unverified    events stored before the hash chain existed (positions 1..n, not hashed), 0 for new jobs
 * @param pruned        the latest prune of the chain (verification starts after it, from its last hash), or
 *                      {@code null}
 * @param problem       the first problem found, or {@code null} when intact
 * @param gaps          events of this job that a consumer gave up on (dead letters), in chain order
 * @param summary       one line: {@code intact: N events} or the problem
 */
public record ChainVerification(UUID jobId, boolean intact, int events, long unverified, Pruned pruned,
                                Problem problem, List<Gap> gaps, String summary) {

    /** What went wrong at the first bad link. */
    public enum Kind {
        /** the event's content no longer hashes to what the chain recorded for it */
        CHANGED,
        /** one or more positions of the chain are missing */
        REMOVED,
        /** an event the updater did not append sits in the chain */
        INSERTED
    }

    /**
     * @param kind    changed, removed or inserted
     * @param jobSeq  position in the job's chain of the event named (for REMOVED: the first missing position)
     * @param seq     global log position of the event named (for REMOVED: of the event after the hole), or
     *                {@code null} when there is none (removed at the end)
     * @param eventId the event named (for REMOVED: the event after the hole), or {@code null}
     * @param type    its type, or {@code null}
     * @param detail  what was found, in words
     */
    public record Problem(Kind kind, long jobSeq, Long seq, UUID eventId, String type, String detail) {
    }

    /**
     * @param fromJobSeq    first position removed
     * @param throughJobSeq last position removed
     * @param eventsRemoved rows deleted
     * @param prunedBy      who
     * @param prunedAt      when
     * @param lastHash      hash of the last removed event (the next event links to it)
     */
    public record Pruned(long fromJobSeq, long throughJobSeq, int eventsRemoved, String prunedBy, Instant prunedAt,
                         String lastHash) {
    }

    /**
     * A dead-lettered event of the job, as recorded in its trail.
     *
     * @param jobSeq       position of the gap marker
     * @param eventId      the event that was given up on, or {@code null} when unreadable
     * @param eventType    its type, or {@code null}
     * @param consumer     the service that gave up
     * @param reason       why
     * @param deadLetterId id under {@code /dead-letters}
     */
    public record Gap(long jobSeq, UUID eventId, String eventType, String consumer, String reason, Long deadLetterId) {
    }
}
