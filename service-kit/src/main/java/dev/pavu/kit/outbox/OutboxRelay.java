package dev.pavu.kit.outbox;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.kit.messaging.EventMessages;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends what {@link Outbox#add} recorded. One daemon thread per process runs passes: after every commit that
 * added rows (woken), and every {@code pavu.outbox.poll-interval} otherwise. A pass, in one transaction:
 * <ol>
 *   <li>takes a PostgreSQL advisory transaction lock named after the service's schema, so that of several
 *       instances of one service exactly one relays at a time (the others' passes find the lock taken and do nothing);</li>
 *   <li>reads the oldest unsent rows (by {@code seq}, the order the effects committed in);</li>
 *   <li>sends each to the topic and with the key stored in its row (resolved by the process that added it, so
 *       whichever instance relays, the record goes where its writer meant it to); only a row from before topics were
 *       stored goes to the relaying process's channel topic;</li>
 *   <li>sends them in that order, in groups of consecutive rows of one channel and topic (at most 64 in flight), waiting for the
 *       broker's acknowledgements of a group before the next: so per channel and key the order is the commit order,
 *       and a later channel's event (a plan's {@code CandidatesProposed}) never overtakes earlier ones (its diffs);</li>
 *   <li>marks the acknowledged rows sent. A failed or unacknowledged send ends the pass (later rows wait, keeping
 *       the order), the row's {@code attempts}/{@code last_error} record why, and the relay backs off
 *       ({@code pavu.outbox.backoff} doubling to {@code max-backoff}).</li>
 * </ol>
 * A row is re-sent whenever it is not marked sent (a crash after the send, a commit that failed): always as the same
 * record with the same event id, which consumers de-duplicate ({@code processed_events}). So delivery is at least once,
 * the effect exactly once.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Most sends in flight at once. */
    static final int GROUP = 64;

    private final EntityManager em;
    private final OutboxConfig config;
    private final Instance<OutboxChannels> channels;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile Thread thread;
    private long passes;

    /**
     * @param em       the service's entity manager
     * @param config   pavu.outbox.*
     * @param channels the service's channel map (unsatisfied: the relay never starts)
     */
    public OutboxRelay(EntityManager em, OutboxConfig config, Instance<OutboxChannels> channels) {
        this.em = em;
        this.config = config;
        this.channels = channels;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.relayEnabled() || channels.isUnsatisfied()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        Thread t = thread;
        if (t != null) {
            wake();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks for a pass now (called after a commit that added rows). Cheap; never blocks. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                } else {
                    synchronized (signal) {
                        if (!woken) {
                            signal.wait(config.pollInterval().toMillis());
                        }
                        woken = false;
                    }
                }
                if (!running) {
                    return;
                }
                Pass p = relayOnce();
                backoff = p.failed() ? nextBackoff(backoff) : 0;
                if (p.more() && !p.failed()) {
                    wake();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away (or the pass's transaction failed): rows stay unsent and are sent again
                Log.warnf("outbox relay pass failed: %s", e.toString());
                backoff = nextBackoff(backoff);
            }
        }
    }

    private long nextBackoff(long current) {
        long first = Math.max(10, config.backoff().toMillis());
        return current <= 0 ? first : Math.min(config.maxBackoff().toMillis(), current * 2);
    }

    /**
     * What one pass did.
     *
     * @param sent   rows sent and marked
     * @param failed whether a send failed (the pass stopped there)
     * @param more   whether the batch was full (another pass follows at once)
     */
    public record Pass(int sent, boolean failed, boolean more) {
    }

    /**
     * Runs one relay pass now, on the calling thread (the relay thread calls it; tests may too).
     *
     * @return what it did; {@code Pass(0, false, false)} when another instance holds the relay lock
     * @throws RuntimeException when the database cannot be reached
     */
    public Pass relayOnce() {
        int timeout = (int) Math.max(30, 3 * config.ackTimeout().toSeconds() + 10);
        Pass p = QuarkusTransaction.requiringNew().timeout(timeout).call(this::pass);
        if (++passes % 500 == 0) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "delete from outbox where sent_at < now() - make_interval(secs => ?1)")
                    .setParameter(1, (double) config.keepSent().toSeconds())
                    .executeUpdate());
        }
        return p;
    }

    private Pass pass() {
        Object got = em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.pavu-outbox'))")
                .getSingleResult();
        if (!Boolean.TRUE.equals(got)) {
            return new Pass(0, false, false);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, channel, payload, topic, record_key from outbox where sent_at is null "
                        + "order by seq limit ?1")
                .setParameter(1, config.batchSize())
                .getResultList();
        int sent = 0;
        int i = 0;
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        while (i < rows.size()) {
            String channel = (String) rows.get(i)[1];
            Object topic = rows.get(i)[3];
            int end = i;
            while (end < rows.size() && end - i < GROUP && channel.equals(rows.get(end)[1])
                    && java.util.Objects.equals(topic, rows.get(end)[3])) {
                end++;
            }
            List<Object[]> group = rows.subList(i, end);
            int ok = sendGroup(channel, group);
            sent += ok;
            if (ok < group.size() || System.nanoTime() > deadline) {
                return new Pass(sent, ok < group.size(), ok == group.size());
            }
            i = end;
        }
        return new Pass(sent, false, rows.size() == config.batchSize());
    }

    /** Sends one group and marks what the broker acknowledged; returns how many of its leading rows were sent. */
    private int sendGroup(String channel, List<Object[]> group) {
        // the sends run with the pass's transaction suspended: the emitter would otherwise carry the transaction
        // context to the broker's callback threads, and the commit would find it active on several threads
        List<Throwable> outcomes = QuarkusTransaction.suspendingExisting().call(() -> sendAll(channel, group));
        List<Long> done = new ArrayList<>();
        int leading = 0;
        boolean broken = false;
        for (int k = 0; k < group.size(); k++) {
            long seq = ((Number) group.get(k)[0]).longValue();
            Throwable why = outcomes.get(k);
            if (why == null) {
                done.add(seq);
                if (!broken) {
                    leading++;
                }
            } else {
                if (!broken) {
                    Log.warnf("outbox: %s row %d not sent: %s", channel, seq, why);
                }
                broken = true;
                failed(seq, why);
            }
        }
        if (!done.isEmpty()) {
            em.createNativeQuery("update outbox set sent_at = now(), attempts = attempts + 1 where seq in (?1)")
                    .setParameter(1, done)
                    .executeUpdate();
        }
        return broken ? leading : group.size();
    }

    /** Sends the rows in order and waits for their acknowledgements; per row {@code null} (acknowledged) or why not. */
    private List<Throwable> sendAll(String channel, List<Object[]> group) {
        Optional<MutinyEmitter<String>> emitter = channels.get().emitter(channel);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Object[] row : group) {
            if (emitter.isEmpty()) {
                acks.add(CompletableFuture.failedFuture(new IllegalStateException("no outgoing channel " + channel)));
                continue;
            }
            try {
                String json = (String) row[2];
                PavuEvent event = EventCodec.read(json);
                // the row's own topic and key (null topic: a row from before topics were stored, the channel's)
                var message = EventMessages.of(event, json, (String) row[4], (String) row[3]);
                // subscribing sends: in row order
                acks.add(emitter.get().sendMessage(message).subscribeAsCompletionStage());
            } catch (RuntimeException e) {
                acks.add(CompletableFuture.failedFuture(e));
            }
        }
        List<Throwable> outcomes = new ArrayList<>();
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(e);
            } catch (java.util.concurrent.ExecutionException e) {
                outcomes.add(e.getCause());
            } catch (TimeoutException e) {
                outcomes.add(new TimeoutException("no acknowledgement within " + config.ackTimeout()));
            }
        }
        return outcomes;
    }

    private void failed(long seq, Throwable why) {
        String text = String.valueOf(why);
        em.createNativeQuery("update outbox set attempts = attempts + 1, last_error = ?2 where seq = ?1")
                .setParameter(1, seq)
                .setParameter(2, text.length() > 2000 ? text.substring(0, 2000) : text)
                .executeUpdate();
    }
}
