package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Topics;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.gate.BaselineTests;
import dev.pavu.verifier.repository.BaselineTestRepository;
import dev.pavu.verifier.repository.ConcludedJobRepository;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier end to end through the real broker and database: candidates of a tiny Maven project go in on
 * (this run's copy of) {@code pavu.diffs}, verdicts come out on {@code pavu.verdicts}.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class VerifierFlowTest {

    private static FakePlanner.Source source;

    @Inject
    ConcludedJobRepository concludedJobs;
    @Inject
    BaselineTestRepository baselines;

    @BeforeAll
    static void publishProject() {
        source = FakePlanner.publish("invoice", InvoiceProject.files());
    }

    @Test
    void baselineFailsNamingTheFailingTestAndItsMessage() {
        DiffProposed d = diff(UUID.randomUUID(), "", "empty-patch", 60_000);
        send(d);
        VerdictIssued v = verdictOf(d);

        assertEquals(Verdict.FAIL, v.verdict(), v.reason());
        assertEquals("1 of 3 tests failed: InvoiceTest#total", v.reason());
        assertEquals(3, v.testsRun());
        assertEquals(1, v.testsFailed());
        TestFailure f = v.failingTests().getFirst();
        assertEquals("demo.InvoiceTest#total", f.testId());
        assertEquals("failure", f.kind());
        assertEquals("total of 10 and 20 ==> expected: <30> but was: <20>", f.message());
        assertTrue(f.stackTrace().contains("demo.InvoiceTest.total(InvoiceTest.java:"), f.stackTrace());
        assertEquals(List.of("static", "tests"), v.gates().stream().map(GateResult::gate).toList());
        assertEquals(List.of(Verdict.PASS, Verdict.FAIL), v.gates().stream().map(GateResult::status).toList());
        assertEquals(d.eventId(), v.envelope().causationId());
        assertEquals("verifier-service", v.envelope().producer());
        assertEquals(0, v.envelope().iteration());
        assertEquals("empty-patch", v.pattern());
        assertTrue(v.isBaseline());
        assertTrue(v.durationMs() > 0);
        assertNotNull(v.logExcerpt());
        assertTrue(v.logUrl().endsWith("/runs/" + d.candidateId() + "/log"), v.logUrl());
        assertTrue(v.coverage().isEmpty(), "no coverage unless the plan asks for it");
        assertEquals(Optional.of(new BaselineTests.Baseline(3, Set.of("demo.InvoiceTest#total", "demo.InvoiceTest#count",
                "demo.InvoiceTest#emptyTotal"))), baselines.find(d.source(), null), "the tests the baseline ran are recorded");

        given().when().get("/runs/{id}/log", d.candidateId()).then().statusCode(200)
                .body(containsString("verdict FAIL in "));
        given().when().get("/runs/{id}", d.candidateId()).then().statusCode(200)
                .body(containsString("\"verdict\":\"FAIL\""));
        given().when().get("/runs/{id}/log", UUID.randomUUID()).then().statusCode(404);
        assertFalse(Files.exists(FakePlanner.home().resolve("verifier/work/" + d.candidateId())), "workspace deleted");
    }

    @Test
    void aBaselineThatAsksForCoverageCarriesEachTestsCoveredLines() {
        DiffProposed plain = diff(UUID.randomUUID(), "", "empty-patch", 60_000);
        DiffProposed d = new DiffProposed(plain.envelope(), plain.candidateId(), plain.planId(), plain.source(), plain.diff(),
                plain.proposer(), plain.pattern(), plain.description(), plain.priority(), plain.candidateIndex(),
                new VerifySpec(null, 60_000, List.of(), true));
        send(d);
        VerdictIssued v = verdictOf(d);
        assertEquals(Verdict.FAIL, v.verdict(), v.reason());
        assertEquals("1 of 3 tests failed: InvoiceTest#total", v.reason(), "the probe changes nothing of the verdict");
        Map<String, TestCoverage> byId = v.coverage().stream()
                .collect(java.util.stream.Collectors.toMap(TestCoverage::testId, c -> c));
        assertEquals(java.util.Set.of("demo.InvoiceTest#total", "demo.InvoiceTest#count", "demo.InvoiceTest#emptyTotal"),
                byId.keySet(), v.coverage().toString());
        assertFalse(byId.get("demo.InvoiceTest#total").passed());
        assertTrue(byId.get("demo.InvoiceTest#count").passed());
        assertTrue(byId.get("demo.InvoiceTest#emptyTotal").passed());
        // class (implicit constructor) and field initialiser 6-7, add() 10-11, total() 15-19, count() 23
        assertEquals(List.of(6, 7, 10, 11, 15, 16, 17, 19), byId.get("demo.InvoiceTest#total").linesByFile().get(InvoiceProject.MAIN));
        assertEquals(List.of(6, 7, 10, 11, 23), byId.get("demo.InvoiceTest#count").linesByFile().get(InvoiceProject.MAIN));
        assertEquals(List.of(6, 7, 15, 16, 19), byId.get("demo.InvoiceTest#emptyTotal").linesByFile().get(InvoiceProject.MAIN));
        given().when().get("/runs/{id}/log", d.candidateId()).then().statusCode(200)
                .body(containsString("per-test coverage of 3 tests (1 failing)"));
    }

    @Test
    void aFixingDiffPassesAndARedeliveredCandidateRunsOnce() {
        String fix = UnifiedDiffs.create(InvoiceProject.MAIN, InvoiceProject.INVOICE,
                InvoiceProject.invoiceWith("for (int i = 1;", "for (int i = 0;"));
        DiffProposed d = diff(UUID.randomUUID(), fix, "off-by-one", 60_000);
        send(d);
        send(d); // redelivery: the same record again
        VerdictIssued v = verdictOf(d);

        assertEquals(Verdict.PASS, v.verdict(), v.reason());
        assertEquals("all 3 tests passed", v.reason());
        assertEquals(fix, v.diff());
        assertEquals("off-by-one", v.pattern());
        assertEquals(1, v.envelope().iteration());
        // give a second verdict the time it would need to appear
        List<ConsumerRecord<String, String>> all = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 2, Duration.ofSeconds(15));
        assertEquals(1, all.size(), "exactly one verdict for a redelivered candidate");
    }

    @Test
    void aCompileErrorFailsTheStaticGate() {
        String broken = UnifiedDiffs.create(InvoiceProject.MAIN, InvoiceProject.INVOICE,
                InvoiceProject.invoiceWith("sum += amounts.get(i);", "sum += amounts.gett(i);"));
        DiffProposed d = diff(UUID.randomUUID(), broken, "method-call-replacement", 60_000);
        send(d);
        VerdictIssued v = verdictOf(d);

        assertEquals(Verdict.FAIL, v.verdict(), v.reason());
        assertTrue(v.reason().startsWith("does not compile: src/main/java/demo/Invoice.java:[17,"), v.reason());
        assertTrue(v.reason().contains("cannot find symbol"), v.reason());
        assertEquals(1, v.gates().size());
        assertEquals("static", v.gates().getFirst().gate());
        assertEquals(Verdict.FAIL, v.gates().getFirst().status());
    }

    @Test
    void aCandidateThatLoopsForeverTimesOut() {
        String loop = UnifiedDiffs.create(InvoiceProject.MAIN, InvoiceProject.INVOICE,
                InvoiceProject.invoiceWith("i < amounts.size(); i++)", "i < amounts.size(); i += 0)"));
        DiffProposed d = diff(UUID.randomUUID(), loop, "arithmetic-operator-replacement", 10_000);
        send(d);
        VerdictIssued v = verdictOf(d);

        // JUnit's per-test limit names the hanging tests (FAIL); when they do not fit in the candidate's
        // limit the run is killed and the class that was running is named instead (TIMEOUT)
        assertTrue(v.verdict() == Verdict.FAIL || v.verdict() == Verdict.TIMEOUT, v.verdict() + ": " + v.reason());
        if (v.verdict() == Verdict.TIMEOUT) {
            assertTrue(v.reason().startsWith("timed out after 10 s (limit 10000 ms)"), v.reason());
            assertEquals(Verdict.TIMEOUT, v.gates().getLast().status());
        }
        assertFalse(v.failingTests().isEmpty(), "the hanging tests are named: " + v.reason());
        assertTrue(v.failingTests().stream().allMatch(f -> f.className().startsWith("demo.")
                && (f.message().contains("timed out") || f.message().startsWith("did not finish"))), v.failingTests().toString());
        assertTrue(v.durationMs() < 40_000, "killed promptly: " + v.durationMs());
    }

    @Test
    void aPatchThatDoesNotApplyIsAnError() {
        String stale = UnifiedDiffs.create(InvoiceProject.MAIN, InvoiceProject.INVOICE.replace("int sum = 0;", "int sum = 1;"),
                InvoiceProject.INVOICE.replace("int sum = 0;", "int sum = 2;"));
        DiffProposed d = diff(UUID.randomUUID(), stale, "constant-replacement", 60_000);
        send(d);
        VerdictIssued v = verdictOf(d);

        assertEquals(Verdict.ERROR, v.verdict(), v.reason());
        assertTrue(v.reason().startsWith("the patch does not apply: "), v.reason());
    }

    @Test
    void aCandidateOfAConcludedJobIsSkipped() throws Exception {
        UUID job = UUID.randomUUID();
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 1, null, "planner-service"),
                Outcome.SUCCEEDED, "a plausible patch was found", "diff", UUID.randomUUID(), 3, 1000);
        KafkaProbe.send(FakePlanner.jobsTopic(), job.toString(), EventCodec.write(concluded));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (concludedJobs.outcome(job).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertEquals("SUCCEEDED", concludedJobs.outcome(job).orElse("not recorded"));

        DiffProposed d = diff(job, "", "empty-patch", 60_000);
        send(d);
        VerdictIssued v = verdictOf(d);

        assertEquals(Verdict.SKIPPED, v.verdict(), v.reason());
        assertEquals("not run: the job has concluded (SUCCEEDED)", v.reason());
        assertTrue(v.gates().isEmpty());
    }

    @Test
    void garbageGoesToTheDeadLetterTopic() {
        String key = "garbage-" + UUID.randomUUID();
        KafkaProbe.send(FakePlanner.diffsTopic(), key, "{ this is not an event");
        List<ConsumerRecord<String, String>> dead = KafkaProbe.await(Topics.deadLetter(Topics.DIFFS, "verifier-service"),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(60));
        assertEquals(1, dead.size(), "the malformed record is on pavu.diffs.dlq.verifier-service");
        assertNotNull(dead.getFirst().headers().lastHeader("dead-letter-reason"));
    }

    private static DiffProposed diff(UUID job, String diff, String pattern, long timeoutMs) {
        boolean baseline = diff.isBlank();
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, baseline ? 0 : 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, source.commit(), source.bundleSha()), diff,
                baseline ? "baseline" : "template", pattern, pattern, 1.0, 0, new VerifySpec(null, timeoutMs, List.of(), false));
    }

    private static void send(DiffProposed d) {
        KafkaProbe.send(FakePlanner.diffsTopic(), d.candidateId().toString(), EventCodec.write(d));
    }

    private static VerdictIssued verdictOf(DiffProposed d) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(FakePlanner.verdictsTopic(),
                r -> r.value().contains(d.candidateId().toString()), 1, Duration.ofSeconds(150));
        assertEquals(1, found.size(), "a verdict for candidate " + d.candidateId());
        assertEquals(d.jobId().toString(), found.getFirst().key(), "verdicts are keyed by job id");
        return EventCodec.read(found.getFirst().value(), VerdictIssued.class);
    }
}
