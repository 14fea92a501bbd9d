package dev.pavu.verifier.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code concluded_jobs} table: jobs that ended or were cancelled, as seen on {@code pavu.jobs}, and jobs for which
 * a worker issued a PASS verdict ({@link #PLAUSIBLE}).
 * Shared by every verifier worker of the database, so a worker skips candidates of a job whose end
 * another worker consumed.
 */
@ApplicationScoped
public class ConcludedJobRepository {

    /**
     * The outcome recorded when a worker issued a PASS verdict for the job: the planner concludes the job on its first
     * PASS, so its other candidates need not run; the conclusion seen later on {@code pavu.jobs} does not replace it.
     */
    public static final String PLAUSIBLE = "PLAUSIBLE";

    private final EntityManager em;

    public ConcludedJobRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Records that a job ended (the first record wins).
     *
     * @param jobId     the job
     * @param eventType {@code pavu.job.concluded.v1}, {@code pavu.job.cancelled.v1} or {@code pavu.verdict.issued.v1}
     * @param outcome   the outcome name for a conclusion, {@code CANCELLED} for a cancellation, {@link #PLAUSIBLE} for a PASS
     * @param eventId   the event that said so
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID jobId, String eventType, String outcome, UUID eventId) {
        em.createNativeQuery("insert into concluded_jobs(job_id, event_type, outcome, event_id) values (?1, ?2, ?3, ?4) "
                        + "on conflict (job_id) do nothing")
                .setParameter(1, jobId)
                .setParameter(2, eventType)
                .setParameter(3, outcome)
                .setParameter(4, eventId)
                .executeUpdate();
    }

    /**
     * @param jobId a job
     * @return its outcome ({@code SUCCEEDED}, {@code CANCELLED}, …) when it has ended, else empty
     */
    @Transactional
    public Optional<String> outcome(UUID jobId) {
        List<?> rows = em.createNativeQuery("select outcome from concluded_jobs where job_id = ?1")
                .setParameter(1, jobId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(rows.getFirst()));
    }
}
