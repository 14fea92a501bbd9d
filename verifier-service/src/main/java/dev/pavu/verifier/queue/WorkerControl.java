package dev.pavu.verifier.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pause state of every verifier worker ({@code worker_control}, one row shared by all verifier processes) and the
 * processes seen alive ({@code workers}). Every method needs a transaction.
 */
@ApplicationScoped
public class WorkerControl {

    private final EntityManager em;

    public WorkerControl(EntityManager em) {
        this.em = em;
    }

    /**
     * @param paused    whether the workers take no new candidate
     * @param changedBy who paused or resumed them last ({@code null} before anyone did)
     * @param changedAt when
     * @param reason    the words given with the last pause or resume, or {@code null}
     */
    public record State(boolean paused, String changedBy, Instant changedAt, String reason) {
    }

    /**
     * A verifier process seen alive lately.
     *
     * @param worker    its id
     * @param threads   its worker threads
     * @param startedAt when it started
     * @param seenAt    its last sign of life
     * @param running   candidates it is verifying now
     */
    public record Worker(String worker, int threads, Instant startedAt, Instant seenAt, List<UUID> running) {
    }

    /** @return the pause state */
    @Transactional(Transactional.TxType.SUPPORTS)
    public State state() {
        Object[] r = (Object[]) em.createNativeQuery("select paused, changed_by, changed_at, reason from worker_control where id = 1")
                .getSingleResult();
        return new State(Boolean.TRUE.equals(r[0]), (String) r[1], instant(r[2]), (String) r[3]);
    }

    /**
     * @param paused true to pause, false to resume
     * @param by     who asks (user or token name)
     * @param reason their words, or {@code null}
     * @return the state now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public State set(boolean paused, String by, String reason) {
        em.createNativeQuery("update worker_control set paused = ?1, changed_by = ?2, changed_at = now(), reason = ?3 where id = 1")
                .setParameter(1, paused).setParameter(2, by).setParameter(3, reason).executeUpdate();
        return state();
    }

    /**
     * Records that a process is alive.
     *
     * @param worker  its id
     * @param threads its worker threads
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alive(String worker, int threads) {
        em.createNativeQuery("insert into workers (worker, threads) values (?1, ?2) "
                        + "on conflict (worker) do update set threads = excluded.threads, seen_at = now()")
                .setParameter(1, worker).setParameter(2, threads).executeUpdate();
    }

    /**
     * @param within how recently a process must have been seen
     * @return the processes seen within that time, with the candidates each is verifying
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Worker> workers(Duration within) {
        List<Worker> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select w.worker, w.threads, w.started_at, w.seen_at, "
                        + "array_to_string(array(select r.candidate_id::text from runs r where r.worker = w.worker and r.state = 'RUNNING' "
                        + "order by r.started_at), ',') from workers w where w.seen_at >= now() - make_interval(secs => ?1) "
                        + "order by w.worker")
                .setParameter(1, within.toMillis() / 1000.0).getResultList()) {
            Object[] r = (Object[]) o;
            String ids = (String) r[4];
            List<UUID> running = ids == null || ids.isBlank() ? List.of()
                    : java.util.Arrays.stream(ids.split(",")).map(UUID::fromString).toList();
            out.add(new Worker((String) r[0], ((Number) r[1]).intValue(), instant(r[2]), instant(r[3]), running));
        }
        return out;
    }

    /**
     * @param staleAfter heartbeat age after which a run no longer counts as running
     * @return runs in progress (RUNNING with a fresh heartbeat), over every worker
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long running(Duration staleAfter) {
        return ((Number) em.createNativeQuery("select count(*) from runs where state = 'RUNNING' "
                        + "and heartbeat_at >= now() - make_interval(secs => ?1)")
                .setParameter(1, staleAfter.toMillis() / 1000.0).getSingleResult()).longValue();
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
