package dev.pavu.verifier.repository;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.VerdictIssued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code runs} table: which worker verifies which candidate, and the verdict once it is known.
 * Every method needs a transaction (callers open a short one; nothing is held while a candidate runs).
 */
@ApplicationScoped
public class RunRepository {

    private final EntityManager em;

    public RunRepository(EntityManager em) {
        this.em = em;
    }

    /** What {@link #claim} found. */
    public enum ClaimState {
        /** This worker now owns the run: verify the candidate. */
        CLAIMED,
        /** Another live worker is verifying it right now. */
        RUNNING_ELSEWHERE,
        /** Verified and its verdict published: nothing to do. */
        DONE,
        /** Verified, but the verdict was stored before the outbox existed and may not have been published. */
        DONE_UNPUBLISHED,
        /**
         * Claimed, but its runs were abandoned (the worker died or stalled) {@code maxAttempts} times: do not run it
         * again; give it an ERROR verdict naming the cause.
         */
        EXHAUSTED
    }

    /**
     * @param state        what was found
     * @param verdictJson  the stored verdict for {@link ClaimState#DONE_UNPUBLISHED}, else {@code null}
     * @param worker       the worker that holds the run
     * @param epoch        the run's epoch this claim holds ({@link ClaimState#CLAIMED}, {@link ClaimState#EXHAUSTED});
     *                     only this epoch may {@link #complete} it
     * @param attempts     how many times the run has been claimed, this claim included
     */
    public record Claim(ClaimState state, String verdictJson, String worker, long epoch, int attempts) {
    }

    /**
     * Claims the run of a candidate for {@code worker}: a new candidate, a run this same worker left, or a
     * run whose worker has written no heartbeat for {@code staleAfter} (it died) is taken. Every claim takes the
     * next epoch, which fences the previous holder out: its late {@link #complete} finds another epoch and is dropped.
     * A run taken over when it has already been claimed {@code maxAttempts} times is {@link ClaimState#EXHAUSTED}.
     *
     * @param diff        the candidate
     * @param worker      this worker's id
     * @param staleAfter  heartbeat age after which a RUNNING run counts as abandoned
     * @param maxAttempts claims after which an abandoned run is not run again (at least 1)
     * @return what was found
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim claim(DiffProposed diff, String worker, Duration staleAfter, int maxAttempts) {
        int inserted = em.createNativeQuery("insert into runs(candidate_id, job_id, plan_id, diff_event_id, iteration, state, worker) "
                        + "values (?1, ?2, ?3, ?4, ?5, 'RUNNING', ?6) on conflict (candidate_id) do nothing")
                .setParameter(1, diff.candidateId())
                .setParameter(2, diff.jobId())
                .setParameter(3, diff.planId())
                .setParameter(4, diff.eventId())
                .setParameter(5, diff.envelope().iteration())
                .setParameter(6, worker)
                .executeUpdate();
        if (inserted == 1) {
            return new Claim(ClaimState.CLAIMED, null, worker, 1, 1);
        }
        Object[] row = (Object[]) em.createNativeQuery("select state, worker, heartbeat_at < now() - make_interval(secs => ?2), "
                        + "published_at is not null, verdict_json, epoch, attempts from runs where candidate_id = ?1 for update")
                .setParameter(1, diff.candidateId())
                .setParameter(2, (double) staleAfter.toMillis() / 1000.0)
                .getSingleResult();
        String state = (String) row[0];
        String holder = (String) row[1];
        boolean stale = Boolean.TRUE.equals(row[2]);
        boolean published = Boolean.TRUE.equals(row[3]);
        long epoch = ((Number) row[5]).longValue();
        int attempts = ((Number) row[6]).intValue();
        if ("DONE".equals(state)) {
            return published ? new Claim(ClaimState.DONE, null, holder, epoch, attempts)
                    : new Claim(ClaimState.DONE_UNPUBLISHED, (String) row[4], holder, epoch, attempts);
        }
        if (worker.equals(holder) || stale) {
            em.createNativeQuery("update runs set worker = ?2, diff_event_id = ?3, attempts = attempts + 1, epoch = epoch + 1, "
                            + "started_at = now(), heartbeat_at = now() where candidate_id = ?1")
                    .setParameter(1, diff.candidateId())
                    .setParameter(2, worker)
                    .setParameter(3, diff.eventId())
                    .executeUpdate();
            ClaimState next = attempts >= Math.max(1, maxAttempts) ? ClaimState.EXHAUSTED : ClaimState.CLAIMED;
            return new Claim(next, null, worker, epoch + 1, attempts + 1);
        }
        return new Claim(ClaimState.RUNNING_ELSEWHERE, null, holder, epoch, attempts);
    }

    /**
     * Writes a heartbeat for runs this worker holds (a fenced-out worker's heartbeat changes nothing once another
     * worker holds the run).
     *
     * @param candidateIds the running candidates
     * @param worker       this worker's id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heartbeat(List<UUID> candidateIds, String worker) {
        for (UUID id : candidateIds) {
            em.createNativeQuery("update runs set heartbeat_at = now() where candidate_id = ?1 and worker = ?2 and state = 'RUNNING'")
                    .setParameter(1, id)
                    .setParameter(2, worker)
                    .executeUpdate();
        }
    }

    /**
     * Stores the verdict of a run (state DONE; published_at = now, the caller hands the verdict to the outbox in the
     * same transaction) — only when {@code epoch} is still the run's epoch and the run still RUNNING.
     *
     * @param verdict     the verdict event
     * @param verdictJson its JSON, exactly as it will be published
     * @param epoch       the epoch of the caller's claim
     * @return true when stored; false when another claim has fenced this one out (drop the verdict)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean complete(VerdictIssued verdict, String verdictJson, long epoch) {
        return em.createNativeQuery("update runs set state = 'DONE', finished_at = now(), verdict = ?2, reason = ?3, duration_ms = ?4, "
                        + "verdict_event_id = ?5, verdict_json = ?6, published_at = now() "
                        + "where candidate_id = ?1 and epoch = ?7 and state = 'RUNNING'")
                .setParameter(1, verdict.candidateId())
                .setParameter(2, verdict.verdict().name())
                .setParameter(3, verdict.reason())
                .setParameter(4, verdict.durationMs())
                .setParameter(5, verdict.eventId())
                .setParameter(6, verdictJson)
                .setParameter(7, epoch)
                .executeUpdate() == 1;
    }

    /**
     * @param candidateId a candidate whose stored verdict was handed to the outbox
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markPublished(UUID candidateId) {
        em.createNativeQuery("update runs set published_at = now() where candidate_id = ?1")
                .setParameter(1, candidateId)
                .executeUpdate();
    }

    /**
     * A run as the REST API shows it.
     *
     * @param candidateId candidate
     * @param jobId       its job
     * @param state       {@code RUNNING} or {@code DONE}
     * @param worker      the worker that holds (held) it
     * @param attempts    how many times it was claimed
     * @param startedAt   last claim
     * @param finishedAt  when the verdict was stored, or {@code null}
     * @param verdict     the verdict, or {@code null} while running
     * @param reason      the verdict's reason, or {@code null}
     * @param durationMs  the verification's wall-clock time, or {@code null}
     * @param publishedAt when the verdict was handed to the outbox (sent by its relay), or {@code null}
     */
    public record RunView(UUID candidateId, UUID jobId, String state, String worker, int attempts, Instant startedAt,
                          Instant finishedAt, String verdict, String reason, Long durationMs, Instant publishedAt) {
    }

    /**
     * @param candidateId a candidate
     * @return its run, if this verifier has seen it
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunView> find(UUID candidateId) {
        List<?> rows = em.createNativeQuery("select candidate_id, job_id, state, worker, attempts, started_at, finished_at, verdict, "
                        + "reason, duration_ms, published_at from runs where candidate_id = ?1")
                .setParameter(1, candidateId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.getFirst();
        return Optional.of(new RunView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                instant(r[5]), instant(r[6]), (String) r[7], (String) r[8], r[9] == null ? null : ((Number) r[9]).longValue(),
                instant(r[10])));
    }

    private static Instant instant(Object o) {
        return switch (o) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime odt -> odt.toInstant();
            case java.sql.Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + o.getClass());
        };
    }
}
