package dev.pavu.verifier;

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
import dev.pavu.verifier.repository.RunRepository;
import dev.pavu.verifier.repository.RunRepository.Claim;
import dev.pavu.verifier.repository.RunRepository.ClaimState;
import dev.pavu.verifier.service.VerificationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fenced verifier runs against the real database and broker: a stalled worker's late verdict is dropped once another
 * worker took the run over, and a candidate whose runs were abandoned {@code pavu.verifier.max-attempts} (3) times gets
 * an ERROR verdict naming the cause instead of a fourth run, after its leftovers are removed.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class FencedRunsTest {

    @Inject
    RunRepository runs;
    @Inject
    VerificationService service;
    @Inject
    EntityManager em;

    @Test
    void aStalledWorkersLateVerdictIsDroppedAndTheSuccessorsKept() {
        DiffProposed d = diff();
        Claim a = QuarkusTransaction.requiringNew().call(() -> runs.claim(d, "worker-a", Duration.ofSeconds(30), 3));
        assertEquals(ClaimState.CLAIMED, a.state());
        // worker-a stalls: another worker delivered the candidate sees a live run and waits...
        Claim waiting = QuarkusTransaction.requiringNew().call(() -> runs.claim(d, "worker-b", Duration.ofSeconds(30), 3));
        assertEquals(ClaimState.RUNNING_ELSEWHERE, waiting.state());
        // ...until worker-a's heartbeat is older than stale-after: then worker-b takes the run, with the next epoch
        stale(d);
        Claim b = QuarkusTransaction.requiringNew().call(() -> runs.claim(d, "worker-b", Duration.ofSeconds(30), 3));
        assertEquals(ClaimState.CLAIMED, b.state());
        assertEquals(a.epoch() + 1, b.epoch());
        assertEquals(2, b.attempts());

        VerdictIssued late = verdict(d, Verdict.PASS, "worker-a's late verdict");
        VerdictIssued current = verdict(d, Verdict.FAIL, "worker-b's verdict");
        assertFalse(QuarkusTransaction.requiringNew().call(() -> runs.complete(late, EventCodec.write(late), a.epoch())),
                "the fenced-out epoch cannot store a verdict");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> runs.complete(current, EventCodec.write(current), b.epoch())));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> runs.complete(late, EventCodec.write(late), a.epoch())),
                "nor after the holder's verdict");
        RunRepository.RunView view = QuarkusTransaction.requiringNew().call(() -> runs.find(d.candidateId())).orElseThrow();
        assertEquals("FAIL", view.verdict());
        assertEquals("worker-b", view.worker());
        assertEquals("worker-b's verdict", view.reason());
    }

    @Test
    void aCandidateAbandonedThreeTimesGetsAnErrorVerdictInsteadOfAFourthRun() throws Exception {
        DiffProposed d = diff();
        for (String w : List.of("w1", "w2", "w3")) {
            Claim c = QuarkusTransaction.requiringNew().call(() -> runs.claim(d, w, Duration.ofSeconds(30), 3));
            assertEquals(ClaimState.CLAIMED, c.state(), w);
            stale(d); // each worker dies mid-run (the candidate crashes its JVM)
        }
        Path work = FakePlanner.home().resolve("verifier/work");
        Path left = work.resolve(d.candidateId() + "-prefetch/repo");
        Files.createDirectories(left);
        Files.writeString(left.resolve("half-written.pom"), "<project>");

        service.handle(d);

        List<ConsumerRecord<String, String>> found = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 1, Duration.ofSeconds(60));
        assertEquals(1, found.size(), "one verdict for the candidate");
        VerdictIssued v = EventCodec.read(found.getFirst().value(), VerdictIssued.class);
        assertEquals(Verdict.ERROR, v.verdict());
        assertTrue(v.reason().contains("crashed or stalled the verifier worker 3 times"), v.reason());
        assertFalse(Files.exists(work.resolve(d.candidateId() + "-prefetch")), "the killed run's leftovers are removed");
        RunRepository.RunView view = QuarkusTransaction.requiringNew().call(() -> runs.find(d.candidateId())).orElseThrow();
        assertEquals("DONE", view.state());
        assertEquals(4, view.attempts());
        // delivered again: judged, nothing runs or is sent again
        service.handle(d);
        assertEquals(1, KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 2, Duration.ofSeconds(5)).size());
    }

    private void stale(DiffProposed d) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update runs set heartbeat_at = now() - interval '1 hour' where candidate_id = ?1")
                .setParameter(1, d.candidateId()).executeUpdate());
    }

    private static DiffProposed diff() {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, "0".repeat(40), "0".repeat(64)), "--- a/x\n+++ b/x\n",
                "template", "crash", "a candidate that kills its worker", 1.0, 0, new VerifySpec(null, 60_000, List.of(), false));
    }

    private static VerdictIssued verdict(DiffProposed d, Verdict verdict, String reason) {
        Envelope env = Envelope.of(EventTypes.VERDICT_ISSUED, d.jobId(), 1, d.eventId(), "verifier-service");
        return new VerdictIssued(env, d.candidateId(), d.planId(), verdict, reason, List.of(), List.of(), 0, 0, 1, d.diff(),
                d.pattern(), null, null, List.of());
    }
}
