package dev.pavu.kit.outbox;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.kit.messaging.EventMessages;
import dev.pavu.kit.observability.EventMeters;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transactional outbox: the one way a Pavu service publishes. {@link #add} writes the event as a row of
 * the service's {@code outbox} table inside the caller's transaction, so the event exists exactly when the
 * effect that caused it committed; {@link OutboxRelay} then sends it (in order per channel and key, with the
 * same event id on every re-send) and marks it sent.
 *
 * <p>Needs a table in the service's own schema (its Flyway migration creates it):
 * <pre>
 * create table outbox (seq bigserial primary key, event_id uuid not null, channel varchar(100) not null,
 *     record_key varchar(200) not null, event_type varchar(100) not null, payload text not null,
 *     created_at timestamptz not null default now(), sent_at timestamptz, attempts int not null default 0,
 *     last_error text, topic varchar(249), unique (event_id, channel));
 * </pre>
 *
 * <p>Each row carries its destination: the record key, and the topic that the adding process's configuration gives
 * the channel ({@code mp.messaging.outgoing.<channel>.topic}, else the channel name, as SmallRye does). The relay
 * sends the row to that topic whichever instance of the service relays it, so instances that share a schema but
 * differ in topic settings (a test's worker beside the stack's) never send each other's events to the wrong topic.
 * A new row is counted by {@link EventMeters} once its transaction committed, and noted as a span event
 * ({@code pavu.event.produced}) on the span current when it was added (the job's span, {@code JobTraces}).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final Config config;
    private final EventMeters meters;
    private final Map<String, String> topics = new ConcurrentHashMap<>();

    /**
     * @param em           the service's entity manager
     * @param transactions to wake the relay once the caller's transaction commits
     * @param relay        the relay to wake
     * @param config       the process's configuration (channel topics)
     * @param meters       counts each committed event ({@link EventMeters#produced})
     */
    public Outbox(EntityManager em, TransactionSynchronizationRegistry transactions, OutboxRelay relay, Config config,
                  EventMeters meters) {
        this.em = em;
        this.meters = meters;
        this.transactions = transactions;
        this.relay = relay;
        this.config = config;
    }

    /**
     * @param channel an outgoing channel name
     * @return the topic this process's configuration sends that channel to
     *         ({@code mp.messaging.outgoing.<channel>.topic}, else the channel name)
     */
    public String topicOf(String channel) {
        return topics.computeIfAbsent(channel, c -> config
                .getOptionalValue("mp.messaging.outgoing." + c + ".topic", String.class).orElse(c));
    }

    /**
     * Records an event to be sent on {@code channel} once the current transaction commits. Adding the same
     * event id to the same channel twice keeps the first row (a redelivered cause re-adds nothing new).
     *
     * @param event   the event; its JSON ({@link EventCodec#write}) is stored and sent as is
     * @param channel the outgoing channel (e.g. {@code plans-out}); the service's {@link OutboxChannels} maps it, and
     *                its configured topic ({@link #topicOf}) is stored in the row as the record's destination
     * @return true when a row was written, false when this event id was already in the outbox for that channel
     * @throws jakarta.transaction.TransactionalException when called outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(PavuEvent event, String channel) {
        int rows = em.createNativeQuery("insert into outbox(event_id, channel, record_key, event_type, payload, topic) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (event_id, channel) do nothing")
                .setParameter(1, event.eventId())
                .setParameter(2, channel)
                .setParameter(3, EventMessages.keyOf(event))
                .setParameter(4, event.envelope().type())
                .setParameter(5, EventCodec.write(event))
                .setParameter(6, topicOf(channel))
                .executeUpdate();
        // the job's trace shows which events each step produced (a span event on the current span, e.g. JobTraces')
        Span.current().addEvent("pavu.event.produced", Attributes.of(AttributeKey.stringKey("pavu.event.type"),
                event.envelope().type(), AttributeKey.stringKey("pavu.event.id"), event.eventId().toString()));
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                        if (rows == 1) {
                            meters.produced(event);
                        }
                    }
                }
            });
        }
        return rows == 1;
    }

    /**
     * Sends an event again (same row, same event id and bytes): marks its row unsent, unless it was sent less than
     * {@code notWithin} ago (so a watchdog asking every few seconds re-sends at most once per {@code notWithin}).
     *
     * @param eventId   an event added before
     * @param notWithin how recent a send makes this a no-op
     * @return true when the row will be sent again; false when it is unknown (purged), unsent yet, or sent recently
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resend(java.util.UUID eventId, java.time.Duration notWithin) {
        int rows = em.createNativeQuery("update outbox set sent_at = null where event_id = ?1 "
                        + "and sent_at < now() - make_interval(secs => ?2)")
                .setParameter(1, eventId)
                .setParameter(2, (double) notWithin.toMillis() / 1000.0)
                .executeUpdate();
        if (rows > 0) {
            relay.wake();
        }
        return rows > 0;
    }
}
