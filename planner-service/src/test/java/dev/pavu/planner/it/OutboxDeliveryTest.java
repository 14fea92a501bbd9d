package dev.pavu.planner.it;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.outbox.Outbox;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service-kit outbox in the planner, against the real database and broker: an event is sent exactly when the
 * transaction of its effect commits, in order per key, and re-sent with the same event id when its send failed or
 * was not recorded.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class OutboxDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Outbox outbox;
    @Inject
    ProcessedEvents processed;
    @Inject
    EntityManager em;

    @Test
    void effectAndEventCommitTogether() {
        UUID job = UUID.randomUUID();
        UUID effect = UUID.randomUUID();
        JobCancelled event = cancelled(job, "commit together");
        QuarkusTransaction.requiringNew().run(() -> {
            processed.firstTime(effect, "outbox-test");
            outbox.add(event, "jobs-out");
        });
        List<ConsumerRecord<String, String>> got = onTopic(job, 1, WAIT);
        assertEquals(1, got.size(), "the committed event reaches the topic");
        assertEquals(event.eventId().toString(), ceId(got.getFirst()));
        assertTrue(got.getFirst().value().contains("commit together"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.seen(effect, "outbox-test")), "the effect committed");
    }

    @Test
    void rollbackSendsNothing() {
        UUID job = UUID.randomUUID();
        UUID effect = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            processed.firstTime(effect, "outbox-test");
            outbox.add(cancelled(job, "rolled back"), "jobs-out");
            throw new IllegalStateException("the effect fails");
        }));
        // a later committed event of the same key shows the relay has passed the point where the first would be
        JobCancelled after = cancelled(job, "after the rollback");
        QuarkusTransaction.requiringNew().run(() -> outbox.add(after, "jobs-out"));
        List<ConsumerRecord<String, String>> got = onTopic(job, 2, Duration.ofSeconds(15));
        assertEquals(1, got.size(), "only the committed event is sent");
        assertEquals(after.eventId().toString(), ceId(got.getFirst()));
        assertEquals(0L, rows(job), "the rolled-back row is gone with its transaction");
        assertTrue(!QuarkusTransaction.requiringNew().call(() -> processed.seen(effect, "outbox-test")));
    }

    @Test
    void sendsInCommitOrderPerKey() {
        UUID job = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int tx = 0; tx < 5; tx++) {
            int t = tx;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < 8; i++) {
                    JobCancelled e = cancelled(job, "n" + (t * 8 + i));
                    ids.add(e.eventId().toString());
                    outbox.add(e, "jobs-out");
                }
            });
        }
        List<ConsumerRecord<String, String>> got = onTopic(job, 40, WAIT);
        assertEquals(ids, got.stream().map(OutboxDeliveryTest::ceId).toList(), "40 events of one key, in commit order");
    }

    @Test
    void aFailedSendIsRetriedWithTheSameEventId() throws Exception {
        UUID job = UUID.randomUUID();
        JobCancelled event = cancelled(job, "resent");
        // a channel the planner does not have: every send of this row fails, and the row stays unsent
        QuarkusTransaction.requiringNew().run(() -> outbox.add(event, "missing-out"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object[] state;
        do {
            Thread.sleep(200);
            state = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                            "select attempts, last_error, sent_at is null from outbox where event_id = ?1")
                    .setParameter(1, event.eventId()).getSingleResult());
        } while (((Number) state[0]).intValue() == 0 && System.nanoTime() < deadline);
        assertTrue(((Number) state[0]).intValue() >= 1, "the relay tried it");
        assertTrue(String.valueOf(state[1]).contains("no outgoing channel missing-out"), String.valueOf(state[1]));
        assertEquals(Boolean.TRUE, state[2], "a failed send is not marked sent");
        // the channel comes back: the same row goes out, with the same event id (the row names its destination)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update outbox set channel = 'jobs-out', topic = ?2 where event_id = ?1")
                .setParameter(1, event.eventId()).setParameter(2, TestTopics.JOBS).executeUpdate());
        List<ConsumerRecord<String, String>> got = onTopic(job, 1, WAIT);
        assertEquals(1, got.size());
        assertEquals(event.eventId().toString(), ceId(got.getFirst()));
        // sent but the mark lost (a crash before the commit): sent again, same id and bytes
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update outbox set sent_at = null where event_id = ?1")
                .setParameter(1, event.eventId()).executeUpdate());
        List<ConsumerRecord<String, String>> twice = onTopic(job, 2, WAIT);
        assertEquals(2, twice.size(), "re-sent");
        assertEquals(event.eventId().toString(), ceId(twice.get(1)));
        assertEquals(twice.get(0).value(), twice.get(1).value());
    }

    @Test
    void aRowGoesToTheTopicItsWriterNamedWhicheverInstanceRelaysIt() {
        UUID job = UUID.randomUUID();
        JobCancelled own = cancelled(job, "own topic");
        QuarkusTransaction.requiringNew().run(() -> outbox.add(own, "jobs-out"));
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select topic, record_key from outbox where event_id = ?1")
                .setParameter(1, own.eventId()).getSingleResult());
        assertEquals(TestTopics.JOBS, stored[0], "add() stores the topic this process's config gives jobs-out");
        assertEquals(job.toString(), stored[1]);

        // another instance of the planner sharing this schema, configured with another topic for jobs-out (the
        // stack's planner beside a test's): its row must go to its topic even when this process relays it
        String otherTopic = "pavu.test-planner.other-instance.jobs";
        JobCancelled foreign = cancelled(job, "other instance's event");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into outbox(event_id, channel, record_key, event_type, payload, topic) "
                                + "values (?1, 'jobs-out', ?2, ?3, ?4, ?5)")
                .setParameter(1, foreign.eventId())
                .setParameter(2, job.toString())
                .setParameter(3, foreign.envelope().type())
                .setParameter(4, dev.pavu.contracts.EventCodec.write(foreign))
                .setParameter(5, otherTopic)
                .executeUpdate());
        JobCancelled after = cancelled(job, "after the foreign row");
        QuarkusTransaction.requiringNew().run(() -> outbox.add(after, "jobs-out"));

        List<ConsumerRecord<String, String>> there = KafkaProbe.await(otherTopic, r -> job.toString().equals(r.key()), 1, WAIT);
        assertEquals(1, there.size(), "the foreign row reached its own topic");
        assertEquals(foreign.eventId().toString(), ceId(there.getFirst()));
        assertEquals(job.toString(), there.getFirst().key(), "with the stored key");
        // this process's topic got its own two events and not the foreign one
        List<ConsumerRecord<String, String>> here = onTopic(job, 3, Duration.ofSeconds(15));
        assertEquals(List.of(own.eventId().toString(), after.eventId().toString()),
                here.stream().map(OutboxDeliveryTest::ceId).toList(), "no mis-routed record on this process's topic");
    }

    private long rows(UUID job) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox where record_key = ?1 and payload like '%rolled back%'")
                .setParameter(1, job.toString()).getSingleResult()).longValue());
    }

    private static JobCancelled cancelled(UUID job, String reason) {
        return new JobCancelled(Envelope.of(EventTypes.JOB_CANCELLED, job, 0, null, "outbox-test"), reason);
    }

    private static List<ConsumerRecord<String, String>> onTopic(UUID job, int count, Duration wait) {
        return KafkaProbe.await(TestTopics.JOBS, r -> job.toString().equals(r.key()), count, wait);
    }

    private static String ceId(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("ce_id");
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
