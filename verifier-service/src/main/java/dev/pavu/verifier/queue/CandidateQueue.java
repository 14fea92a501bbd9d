package dev.pavu.verifier.queue;

import dev.pavu.contracts.DiffProposed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code queue} table: candidates read from {@code pavu.diffs} waiting for a worker thread (schema in
 * {@code V5__queue_and_control.sql}). Every method needs a transaction; callers open short ones.
 *
 * <p>Order of {@link #take}: the job's priority (higher first); between jobs of one priority, the job whose candidate was
 * taken longest ago (or never) first, so jobs of one priority take turns (round robin); within a job, the actuator's
 * rank score (higher first), then its index, then arrival.
 */
@ApplicationScoped
public class CandidateQueue {

    private final EntityManager em;

    public CandidateQueue(EntityManager em) {
        this.em = em;
    }

    /**
     * Where a queued candidate came from, to dead-letter it if its verification fails unexpectedly.
     *
     * @param topic     Kafka topic
     * @param partition partition
     * @param offset    offset
     * @param key       record key (the candidate id)
     */
    public record Origin(String topic, int partition, long offset, String key) {
    }

    /**
     * A candidate a worker thread now holds.
     *
     * @param candidateId the candidate
     * @param diffJson    its {@code DiffProposed} event as read
     * @param origin      its Kafka record, or {@code null} when unknown
     */
    public record Taken(UUID candidateId, String diffJson, Origin origin) {
    }

    /**
     * Queues a candidate unless it is queued already or its run is done (a redelivered record changes nothing).
     *
     * @param diff     the candidate
     * @param diffJson its event as read
     * @param origin   its Kafka record, or {@code null}
     * @return true when queued now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(DiffProposed diff, String diffJson, Origin origin) {
        return em.createNativeQuery("insert into queue (candidate_id, job_id, job_priority, rank_priority, candidate_index, diff_json, "
                        + "record_topic, record_partition, record_offset, record_key) "
                        + "select ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
                        + "where not exists (select 1 from runs r where r.candidate_id = ?1 and r.state = 'DONE') "
                        + "on conflict (candidate_id) do nothing")
                .setParameter(1, diff.candidateId())
                .setParameter(2, diff.jobId())
                .setParameter(3, diff.verify().priority())
                .setParameter(4, diff.priority())
                .setParameter(5, diff.candidateIndex())
                .setParameter(6, diffJson)
                .setParameter(7, origin == null ? null : origin.topic())
                .setParameter(8, origin == null ? null : origin.partition())
                .setParameter(9, origin == null ? null : origin.offset())
                .setParameter(10, origin == null ? null : origin.key())
                .executeUpdate() == 1;
    }

    /**
     * Takes the next candidate for {@code worker}: a waiting one, or one taken before whose holder has shown no life for
     * {@code staleAfter} (no run of it heartbeating since). Rows other threads are taking are skipped, not waited for.
     *
     * @param worker     the taking worker's id
     * @param staleAfter how long a taken candidate without a live run stays its holder's
     * @return the candidate, or empty when none is waiting
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Taken> take(String worker, Duration staleAfter) {
        List<?> rows = em.createNativeQuery("select q.candidate_id, q.job_id, q.diff_json, q.record_topic, q.record_partition, "
                        + "q.record_offset, q.record_key from queue q left join job_turns t on t.job_id = q.job_id "
                        + "where q.taken_by is null or (q.taken_at < now() - make_interval(secs => ?1) and not exists ("
                        + "  select 1 from runs r where r.candidate_id = q.candidate_id and r.state = 'RUNNING' "
                        + "  and r.heartbeat_at >= now() - make_interval(secs => ?1))) "
                        + "order by q.job_priority desc, coalesce(t.turn, 0), q.rank_priority desc, q.candidate_index, q.seq "
                        + "limit 1 for update of q skip locked")
                .setParameter(1, staleAfter.toMillis() / 1000.0)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.getFirst();
        UUID candidate = (UUID) r[0];
        em.createNativeQuery("update queue set taken_by = ?2, taken_at = now() where candidate_id = ?1")
                .setParameter(1, candidate).setParameter(2, worker).executeUpdate();
        em.createNativeQuery("insert into job_turns (job_id, turn) values (?1, nextval('job_turn_seq')) "
                        + "on conflict (job_id) do update set turn = excluded.turn")
                .setParameter(1, r[1]).executeUpdate();
        Origin origin = r[3] == null ? null
                : new Origin((String) r[3], ((Number) r[4]).intValue(), ((Number) r[5]).longValue(), (String) r[6]);
        return Optional.of(new Taken(candidate, (String) r[2], origin));
    }

    /**
     * Removes a handled candidate (only while {@code worker} holds it: a candidate taken over meanwhile stays the
     * successor's).
     *
     * @param candidateId the candidate
     * @param worker      the worker that handled it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void done(UUID candidateId, String worker) {
        em.createNativeQuery("delete from queue where candidate_id = ?1 and taken_by = ?2")
                .setParameter(1, candidateId).setParameter(2, worker).executeUpdate();
    }

    /**
     * @return candidates waiting (not taken) per job priority, highest first
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Integer, Long> waitingByPriority() {
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("select job_priority, count(*) from queue where taken_by is null "
                + "group by job_priority order by job_priority desc").getResultList()) {
            Object[] r = (Object[]) o;
            out.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        return out;
    }
}
