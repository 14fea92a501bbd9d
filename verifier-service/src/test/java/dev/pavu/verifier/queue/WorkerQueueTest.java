package dev.pavu.verifier.queue;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.FakePlanner;
import dev.pavu.verifier.InvoiceProjectAccess;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's queue and worker control against the real database and broker: waiting candidates are taken by job
 * priority, jobs of one priority take turns, a job's candidates go by rank; paused workers verify nothing (the candidate
 * waits in the queue) and verify it once resumed.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class WorkerQueueTest {

    @Inject
    CandidateQueue queue;
    @Inject
    WorkerControl control;
    @Inject
    EntityManager em;

    @AfterEach
    void resume() {
        QuarkusTransaction.requiringNew().run(() -> control.set(false, "test", null));
    }

    @Test
    void higherPriorityFirstThenJobsTakeTurnsThenRank() {
        // paused: this process's worker threads take nothing, the test takes by hand
        QuarkusTransaction.requiringNew().run(() -> {
            control.set(true, "test", "ordering test");
            em.createNativeQuery("delete from queue").executeUpdate();
        });
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();
        List<DiffProposed> added = List.of(
                diff(a, 5, 0.9, 0), diff(a, 5, 0.5, 1), diff(a, 5, 0.7, 2),
                diff(b, 5, 0.8, 0), diff(b, 5, 0.1, 1),
                diff(urgent, 8, 0.2, 0), diff(urgent, 8, 0.3, 1));
        QuarkusTransaction.requiringNew().run(() -> added.forEach(d -> assertTrue(queue.add(d, EventCodec.write(d), null))));
        // a redelivered record is not queued twice
        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> queue.add(added.getFirst(),
                EventCodec.write(added.getFirst()), null)));
        assertEquals(java.util.Map.of(8, 2L, 5, 5L), QuarkusTransaction.requiringNew().call(queue::waitingByPriority));

        List<String> order = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            CandidateQueue.Taken t = QuarkusTransaction.requiringNew().call(() -> queue.take("w", Duration.ofSeconds(30))).orElseThrow();
            DiffProposed d = EventCodec.read(t.diffJson(), DiffProposed.class);
            order.add((d.jobId().equals(a) ? "a" : d.jobId().equals(b) ? "b" : "u") + d.candidateIndex());
        }
        // priority 8 first (by rank: index 1 scores 0.3); then a and b in turns, each by rank (a: 0.9, 0.7, 0.5)
        assertEquals(List.of("u1", "u0", "a0", "b0", "a2", "b1", "a1"), order);
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> queue.take("w2", Duration.ofSeconds(30))),
                "taken candidates are not taken by another worker while their holder is alive");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update queue set taken_at = now() - interval '1 minute'")
                .executeUpdate());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> queue.take("w2", Duration.ofSeconds(30))).isPresent(),
                "a candidate whose holder went silent (no run heartbeat) is taken again");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from queue").executeUpdate());
    }

    @Test
    void pausedWorkersVerifyNothingUntilResumed() {
        FakePlanner.Source source = FakePlanner.publish("invoice-paused", InvoiceProjectAccess.files());
        given().contentType(ContentType.JSON).body("{\"reason\":\"maintenance\"}").post("/workers/pause").then()
                .statusCode(200).body("paused", equalTo(true)).body("reason", equalTo("maintenance"));
        DiffProposed d = diff(UUID.randomUUID(), 5, 1.0, 0);
        d = new DiffProposed(d.envelope(), d.candidateId(), d.planId(),
                new SourceRef("bundle", null, null, source.commit(), source.bundleSha()), "", "baseline", "empty-patch",
                "baseline", 1.0, 0, new VerifySpec(null, 60_000, List.of(), false, null, 5));
        KafkaProbe.send(FakePlanner.diffsTopic(), d.candidateId().toString(), EventCodec.write(d));
        UUID id = d.candidateId();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!queued(id) && System.nanoTime() < until) {
            sleep(300);
        }
        assertTrue(queued(id), "the candidate is queued while the workers are paused");
        given().get("/workers").then().statusCode(200).body("paused", equalTo(true));
        assertTrue(given().get("/workers").then().extract().jsonPath().getLong("queued") >= 1);
        List<ConsumerRecord<String, String>> early = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(id.toString()), 1, Duration.ofSeconds(6));
        assertEquals(0, early.size(), "no verdict while paused");
        given().get("/runs/{id}", id).then().statusCode(404);

        given().contentType(ContentType.JSON).body("{}").post("/workers/resume").then().statusCode(200)
                .body("paused", equalTo(false));
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(id.toString()), 1, Duration.ofSeconds(150));
        assertEquals(1, found.size(), "verified once resumed");
        VerdictIssued v = EventCodec.read(found.getFirst().value(), VerdictIssued.class);
        assertEquals(id, v.candidateId());
        // FAIL with a sandbox; ERROR "no working sandbox" where bubblewrap is missing: either way it was handled
        assertTrue(v.verdict() == Verdict.FAIL || v.verdict() == Verdict.ERROR, v.verdict() + ": " + v.reason());
        until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queued(id) && System.nanoTime() < until) {
            sleep(200);
        }
        assertTrue(!queued(id), "a handled candidate leaves the queue");
        given().get("/workers").then().statusCode(200).body("workers.size()", equalTo(1));
    }

    private boolean queued(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from queue where candidate_id = ?1").setParameter(1, id).getSingleResult()).intValue() == 1);
    }

    private static DiffProposed diff(UUID job, int jobPriority, double rank, int index) {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, "0".repeat(40), "0".repeat(64)), "--- a/x\n+++ b/x\n", "template",
                "p", "d", rank, index, new VerifySpec(null, 60_000, List.of(), false, null, jobPriority));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
