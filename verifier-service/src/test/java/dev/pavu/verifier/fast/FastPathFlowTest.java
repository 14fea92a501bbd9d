package dev.pavu.verifier.fast;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.FakePlanner;
import dev.pavu.verifier.InvoiceProjectAccess;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One job's candidates through the real broker and database with the fast path on (the default): PASS, FAIL
 * naming the failing test, TIMEOUT for a candidate whose every test loops (stopped at its limit), each
 * verdict's gates and log saying it took the fast path; a coverage run and a change to a non-Java file take the
 * cold path and say so.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class FastPathFlowTest {

    private static final String MAIN = "src/main/java/demo/Invoice.java";
    private static FakePlanner.Source source;
    private static String invoice;

    @BeforeAll
    static void publishProject() {
        Map<String, String> files = InvoiceProjectAccess.files();
        source = FakePlanner.publish("invoice-fast", files);
        invoice = files.get(MAIN);
    }

    @Test
    void aJobsCandidatesGetTheirVerdictsThroughTheFastPath() throws Exception {
        UUID job = UUID.randomUUID();
        DiffProposed baseline = diff(job, "", 60_000, false);
        // the fix in a job of its own: after a PASS the verifier goes on with that job's other candidates (the planner
        // ranks plausible patches; only the job's conclusion stops them)
        UUID fixJob = UUID.randomUUID();
        DiffProposed fix = diff(fixJob, UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 0;")), 60_000, false);
        DiffProposed loops = diff(job, UnifiedDiffs.create(MAIN, invoice,
                invoice.replace("int sum = 0;", "int sum = 0; while (amounts.size() >= 0) { Thread.onSpinWait(); }")
                        .replace("return amounts.size();", "while (amounts.size() >= 0) { Thread.onSpinWait(); } return 0;")), 15_000, false);
        DiffProposed coverage = diff(job, "", 60_000, true);
        // a build file may change only when the job's gate policy allows it
        DiffProposed pom = allowBuildEdits(diff(job, UnifiedDiffs.create("pom.xml", InvoiceProjectAccess.files().get("pom.xml"),
                InvoiceProjectAccess.files().get("pom.xml").replace("<version>1.0</version>", "<version>1.1</version>")), 60_000, false));
        for (DiffProposed d : List.of(baseline, fix, loops, coverage, pom)) {
            KafkaProbe.send(FakePlanner.diffsTopic(), d.candidateId().toString(), EventCodec.write(d));
        }

        VerdictIssued fail = verdictOf(baseline);
        assertEquals(Verdict.FAIL, fail.verdict(), fail.reason());
        assertEquals("1 of 3 tests failed: InvoiceTest#total", fail.reason());
        TestFailure f = fail.failingTests().getFirst();
        assertEquals("demo.InvoiceTest#total", f.testId());
        assertEquals("total of 10 and 20 ==> expected: <30> but was: <20>", f.message());
        // the baseline takes the cold path: its reports name the tests it ran, which every later PASS must run again
        assertTrue(Files.readString(FakePlanner.home().resolve("verifier/logs/" + baseline.candidateId() + ".log"))
                .contains("[pavu] cold path: the baseline records the ids of the tests it runs"));

        VerdictIssued pass = verdictOf(fix);
        assertEquals(Verdict.PASS, pass.verdict(), pass.reason());
        assertEquals("all 3 tests passed", pass.reason());
        assertFastPath(pass);
        DiffProposed afterPass = diff(fixJob, UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 2;")), 60_000, false);
        KafkaProbe.send(FakePlanner.diffsTopic(), afterPass.candidateId().toString(), EventCodec.write(afterPass));
        VerdictIssued afterPassVerdict = verdictOf(afterPass);
        assertEquals(Verdict.FAIL, afterPassVerdict.verdict(), afterPassVerdict.reason());
        assertEquals("1 of 3 tests failed: InvoiceTest#total", afterPassVerdict.reason());

        VerdictIssued timeout = verdictOf(loops);
        assertEquals(Verdict.TIMEOUT, timeout.verdict(), timeout.reason());
        assertTrue(timeout.reason().startsWith("timed out after 15 s (limit 15000 ms) in the tests gate, while running demo.InvoiceTest"),
                timeout.reason());
        assertEquals(List.of("demo.InvoiceTest"), timeout.failingTests().stream().map(TestFailure::testId).toList());
        // the fast per-test limit is the cold path's (5 s of 15 s): three looping tests use up the limit, as on the cold path
        assertTrue(timeout.durationMs() < 30_000, "stopped at the limit: " + timeout.durationMs());
        assertFastPath(timeout);

        for (DiffProposed cold : List.of(coverage, pom)) {
            VerdictIssued v = verdictOf(cold);
            assertEquals(Verdict.FAIL, v.verdict(), v.reason());
            assertEquals("1 of 3 tests failed: InvoiceTest#total", v.reason());
            assertTrue(v.gates().stream().noneMatch(g -> g.detail().contains("(fast path)")), v.gates().toString());
            String log = Files.readString(FakePlanner.home().resolve("verifier/logs/" + cold.candidateId() + ".log"));
            // coverage runs never reach the fast path (CandidateVerifier runs them with the probe on the cold path)
            assertTrue(log.contains(cold == coverage ? "[pavu] per-test coverage: JaCoCo agent"
                    : "[pavu] cold path: the candidate changes more than Java sources"), log);
            assertFalse(log.contains("[pavu] fast path:"), log);
        }
    }

    private static void assertFastPath(VerdictIssued v) throws Exception {
        assertEquals(List.of("static", "tests"), v.gates().stream().map(GateResult::gate).toList());
        assertTrue(v.gates().stream().allMatch(g -> g.detail().endsWith("(fast path)")), v.gates().toString());
        String log = Files.readString(FakePlanner.home().resolve("verifier/logs/" + v.candidateId() + ".log"));
        assertTrue(log.contains("[pavu] fast path: changed sources compiled alone, tests in the warm JVM"), log);
    }

    private static DiffProposed diff(UUID job, String diff, long timeoutMs, boolean coverage) {
        boolean baseline = diff.isBlank();
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, baseline ? 0 : 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, source.commit(), source.bundleSha()), diff,
                baseline ? "baseline" : "template", "p", "p", 1.0, 0, new VerifySpec(null, timeoutMs, List.of(), coverage));
    }

    private static DiffProposed allowBuildEdits(DiffProposed d) {
        return new DiffProposed(d.envelope(), d.candidateId(), d.planId(), d.source(), d.diff(), d.proposer(), d.pattern(),
                d.description(), d.priority(), d.candidateIndex(), d.verify().withGates(new GatePolicy(null, null, null, null, true)));
    }

    private static VerdictIssued verdictOf(DiffProposed d) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 1, Duration.ofSeconds(180));
        assertEquals(1, found.size(), "a verdict for candidate " + d.candidateId());
        return EventCodec.read(found.getFirst().value(), VerdictIssued.class);
    }
}
