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
import dev.pavu.verifier.repository.ConcludedJobRepository;
import dev.pavu.verifier.service.VerificationService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The verifier records {@code pavu.verdict.latency} where it stores a verdict, tagged from the verdict it issued (real
 * database and broker): a candidate of a cancelled job is SKIPPED without a run, path {@code none}; delivered again,
 * nothing is recorded twice. (The path and cause rules themselves: service-kit's {@code VerdictMetersTest}.)
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class VerdictMetersFlowTest {

    @Inject
    VerificationService service;
    @Inject
    ConcludedJobRepository jobs;
    @Inject
    MeterRegistry registry;

    @Test
    void aStoredVerdictIsTimedByItsPathOnce() {
        DiffProposed d = diff();
        QuarkusTransaction.requiringNew().run(() -> jobs.record(d.jobId(), EventTypes.JOB_CANCELLED, "CANCELLED", UUID.randomUUID()));
        double before = count();
        double failuresBefore = sandboxFailures();

        service.handle(d);

        List<ConsumerRecord<String, String>> found = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 1, Duration.ofSeconds(60));
        VerdictIssued v = EventCodec.read(found.getFirst().value(), VerdictIssued.class);
        assertEquals(Verdict.SKIPPED, v.verdict());
        assertEquals(before + 1, count(), "one latency sample, tagged verdict=SKIPPED run=candidate path=none");
        service.handle(d);
        assertEquals(before + 1, count(), "a redelivered candidate is not timed again");
        assertEquals(failuresBefore, sandboxFailures(), "a skipped candidate is no sandbox failure");
    }

    private double count() {
        Timer t = registry.find("pavu.verdict.latency").tags("verdict", "SKIPPED", "run", "candidate", "path", "none").timer();
        return t == null ? 0 : t.count();
    }

    private double sandboxFailures() {
        return registry.find("pavu.sandbox.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static DiffProposed diff() {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, "0".repeat(40), "0".repeat(64)), "--- a/x\n+++ b/x\n",
                "template", "swap", "a candidate of a cancelled job", 1.0, 0, new VerifySpec(null, 60_000, List.of(), false));
    }
}
