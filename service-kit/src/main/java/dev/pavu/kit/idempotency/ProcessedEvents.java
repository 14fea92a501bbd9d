package dev.pavu.kit.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/**
 * The idempotent-consumer record (Debezium's pattern): a consumer calls {@link #firstTime} inside the
 * same transaction as its effect; a redelivered event finds its id already there and is skipped.
 *
 * <p>Needs a table {@code processed_events(event_id uuid, consumer varchar, processed_at timestamptz,
 * primary key (event_id, consumer))} in the service's own schema (each service's Flyway migration
 * creates it), reached through the datasource's {@code currentSchema}.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /**
     * Records that {@code consumer} handles {@code eventId}. Must run inside a transaction.
     *
     * @param eventId  the event's envelope id
     * @param consumer a stable name of the consuming method, e.g. {@code planner.verdicts}
     * @return true the first time, false when the event was already handled (skip it)
     */
    public boolean firstTime(UUID eventId, String consumer) {
        int inserted = em.createNativeQuery(
                        "insert into processed_events(event_id, consumer, processed_at) values (?1, ?2, now()) "
                                + "on conflict do nothing")
                .setParameter(1, eventId)
                .setParameter(2, consumer)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Whether {@code consumer} has already handled {@code eventId} (a read: use it to skip slow work before the
     * transaction that calls {@link #firstTime}, which stays the authority).
     *
     * @param eventId  the event's envelope id
     * @param consumer the consuming method's stable name
     * @return true when recorded
     */
    public boolean seen(UUID eventId, String consumer) {
        return !em.createNativeQuery("select 1 from processed_events where event_id = ?1 and consumer = ?2")
                .setParameter(1, eventId)
                .setParameter(2, consumer)
                .getResultList().isEmpty();
    }
}
