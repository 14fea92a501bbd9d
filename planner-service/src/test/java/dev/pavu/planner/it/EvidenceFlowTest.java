package dev.pavu.planner.it;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.pavu.planner.it.FlowEvents.one;
import static dev.pavu.planner.it.FlowEvents.plan;
import static dev.pavu.planner.it.FlowEvents.sendCandidates;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search order from evidence against the real broker and database: a partial fix moves its location and pattern to the
 * front of the job's next plan, and verdicts teach the pattern prior of their failure kind, which orders the patterns
 * of the next job of that kind. Each test fails its tests with an exception class of its own, so that its failure kind
 * (and so its learned prior) is not shared with other tests.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class EvidenceFlowTest {

    static final String STATS_FILE = "src/main/java/com/acme/stats/Stats.java";

    @Test
    void aPartialFixPutsItsLocationAndPatternFirstInTheNextPlan() throws Exception {
        String kind = uniqueKind();
        String jobId = submitStats();
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(baseline(jobId, baseline, kind, 2)));

        PlanProposed first = plan(jobId, 1);
        assertTrue(first.locations().size() >= 2, first.locations().toString());
        SuspiciousLocation l = first.locations().getLast(); // not first in its own plan
        String p = "pattern-" + UUID.randomUUID();
        String q = "pattern-" + UUID.randomUUID();
        // P at L made one of the two failing tests pass (fail-fast: 1 passed before the first failure); Q fixed nothing
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, first, Verdict.FAIL, 2,
                List.of(failure(kind, "mean")), replace(l.file(), l.line()), p)));
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, first, Verdict.FAIL, 1,
                List.of(failure(kind, "median")), "--- a/" + STATS_FILE + "\n+++ b/" + STATS_FILE + "\n@@ -3 +3 @@\n-a\n+b\n", q)));
        sendCandidates(jobId, first, 2);

        PlanProposed second = plan(jobId, 2);
        assertEquals(PlanKind.REPAIR, second.kind());
        SuspiciousLocation lead = second.locations().getFirst();
        assertEquals(l.file() + ":" + l.line(), lead.file() + ":" + lead.line(), second.locations().toString());
        assertTrue(lead.evidence().endsWith("partial-fix"), lead.evidence());
        assertEquals(1 - (1 - l.score()) * (1 - 0.5 * 0.5), lead.score(), 1e-9, "noisy-OR of the score and β·g");
        assertEquals(1, second.partialFixes().size());
        // the kind learned P (reward 0.5) and Q (0): θ_K = 1.5/4; P = (0.5 + 2θ_K)/3/θ_K × (1 + 0.5), Q = 2θ_K/3/θ_K
        double pooled = 1.5 / 4;
        Map<String, Double> weights = second.weightsByPattern();
        assertEquals(List.of(p, q), List.copyOf(weights.keySet()), "P first: " + weights);
        assertEquals((0.5 + 2 * pooled) / 3 / pooled * 1.5, weights.get(p), 1e-9);
        assertEquals(2 / 3.0, weights.get(q), 1e-9);
        assertTrue(second.decision().rationale().contains("partial fixes moved 1 location(s) first"), second.decision().rationale());
    }

    @Test
    void passVerdictsOfAKindPutTheirPatternEarlierInTheNextJobOfThatKindAndAbsurdCountsStayBounded() throws Exception {
        String kind = uniqueKind();
        String p = "pattern-" + UUID.randomUUID();
        String q = "pattern-" + UUID.randomUUID();
        String r = "pattern-" + UUID.randomUUID();
        String a = submitStats();
        PlanProposed baseline = one(TestTopics.PLANS, a, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, a, EventCodec.write(baseline(a, baseline, kind, 1)));
        PlanProposed first = plan(a, 1);
        assertTrue(first.patternWeights().isEmpty(), "nothing learned for a new kind yet: " + first.patternWeights());
        KafkaProbe.send(TestTopics.VERDICTS, a, EventCodec.write(verdict(a, first, Verdict.FAIL, 1,
                List.of(failure(kind, "median")), replace(STATS_FILE, 25), q)));
        KafkaProbe.send(TestTopics.VERDICTS, a, EventCodec.write(verdict(a, first, Verdict.FAIL, 1,
                List.of(failure(kind, "median")), replace(STATS_FILE, 26), q)));
        // hostile: absurd counts and a long list of failing tests from the verifier
        List<TestFailure> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(new TestFailure("t.T#m" + i, "t.T", "m" + i, "failure", "x", null));
        }
        VerdictIssued absurd = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(a), 1, first.eventId(),
                "verifier-service"), UUID.randomUUID(), first.planId(), Verdict.FAIL, "absurd", List.of(), many, -5,
                Integer.MAX_VALUE, -1, replace(STATS_FILE, 24), r, null, null, List.of());
        KafkaProbe.send(TestTopics.VERDICTS, a, EventCodec.write(absurd));
        KafkaProbe.send(TestTopics.VERDICTS, a, EventCodec.write(verdict(a, first, Verdict.PASS, 2, List.of(),
                replace(STATS_FILE, TestRepos.BUG_LINE), p)));
        sendCandidates(a, first, 4);
        one(TestTopics.JOBS, a, EventTypes.JOB_CONCLUDED, JobConcluded.class);

        String b = submitStats();
        PlanProposed baselineB = one(TestTopics.PLANS, b, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, b, EventCodec.write(baseline(b, baselineB, kind, 1)));
        PlanProposed next = plan(b, 1);
        // a trial is a job that tried the pattern (its best verdict), not a candidate: Q's two failed candidates are one
        // trial like R's one. N = 3 trials, R = 1: θ_K = 2/5; P (1 of 1) = (1 + 2θ_K)/3/θ_K, Q and R (0 of 1) = 2θ_K/3/θ_K
        Map<String, Double> w = next.weightsByPattern();
        assertEquals(p, List.copyOf(w.keySet()).getFirst(), "P first: " + w);
        double pooled = 2 / 5.0;
        assertEquals((1 + 2 * pooled) / 3 / pooled, w.get(p), 1e-9);
        assertEquals(2 / 3.0, w.get(q), 1e-9, "two failed candidates of one job are one failed trial");
        assertEquals(2 / 3.0, w.get(r), 1e-9);
    }

    // ---------------------------------------------------------------------------------------------

    /** @return an exception class name no other test uses: its simple name is the failure kind */
    private static String uniqueKind() {
        return "Evidence" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "Exception";
    }

    private static String submitStats() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        return given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"budget\": {\"maxIterations\": 3, \"maxCandidates\": 50}}", "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
    }

    private static TestFailure failure(String kind, String test) {
        return new TestFailure("com.acme.stats.StatsTest#" + test, "com.acme.stats.StatsTest", test, "error", "boom",
                "com.acme.stats." + kind + ": boom\n\tat com.acme.stats.Stats." + test + "(Stats.java:" + TestRepos.BUG_LINE
                        + ")\n\tat com.acme.stats.StatsTest." + test + "(StatsTest.java:16)\n");
    }

    /** A failing baseline of {@code failed} tests (median, then mean), all failing with the exception {@code kind}. */
    private static VerdictIssued baseline(String jobId, PlanProposed baseline, String kind, int failed) {
        List<TestFailure> failing = failed == 1 ? List.of(failure(kind, "median")) : List.of(failure(kind, "median"), failure(kind, "mean"));
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(jobId), 0, baseline.eventId(),
                "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL, failed + " of 2 tests failed",
                List.of(new GateResult("static", Verdict.PASS, 800, "compiled"), new GateResult("tests", Verdict.FAIL, 1500, "failed")),
                failing, 2, failed, 2300, "", "empty-patch", null, null, List.of(
                        new TestCoverage("com.acme.stats.StatsTest#mean", failed == 1, Map.of(STATS_FILE, List.of(8, 9, 13, 14, 15, 17))),
                        new TestCoverage("com.acme.stats.StatsTest#median", false,
                                Map.of(STATS_FILE, List.of(8, 9, 21, 22, 23, 24, TestRepos.BUG_LINE)))));
    }

    private static String replace(String file, int line) {
        return "--- a/" + file + "\n+++ b/" + file + "\n@@ -" + line + " +" + line + " @@\n-old\n+new\n";
    }

    private static VerdictIssued verdict(String jobId, PlanProposed plan, Verdict v, int run, List<TestFailure> failing,
                                         String diff, String pattern) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(jobId), plan.envelope().iteration(),
                plan.eventId(), "verifier-service"), UUID.randomUUID(), plan.planId(), v, v + " verdict",
                List.of(new GateResult("static", Verdict.PASS, 1, "compiled")), failing, run, failing.size(), 1000, diff,
                pattern, null, null, List.of());
    }
}
