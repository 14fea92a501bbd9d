package dev.pavu.planner.it;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.pavu.planner.it.FlowEvents.one;
import static dev.pavu.planner.it.FlowEvents.plan;
import static dev.pavu.planner.it.FlowEvents.sendCandidates;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner against the real broker and database: submissions, the baseline plan, verdicts, the repair
 * loop and its budget, idempotency, cancellation and unreachable sources. The actuator and verifier are
 * played by this test through Kafka.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class JobFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void bundleJobGetsABaselinePlanAndConcludesWhenAllTestsPass() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        Response r = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"task\": \"make the failing tests pass\", \"source\": {\"ref\": \"main\"}}", "application/json")
                .when().post("/jobs")
                .then().statusCode(202)
                .header("Location", containsString("/jobs/"))
                .body("state", equalTo("QUEUED"))
                .body("source.kind", equalTo("bundle"))
                .extract().response();
        String jobId = r.path("id");
        assertTrue(r.header("Location").endsWith("/jobs/" + jobId));

        JobSubmitted submitted = one(TestTopics.JOBS, jobId, EventTypes.JOB_SUBMITTED, JobSubmitted.class);
        assertEquals(0, submitted.envelope().iteration());
        assertEquals("make the failing tests pass", submitted.task().text());

        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        assertEquals(PlanKind.BASELINE, baseline.kind());
        assertEquals(0, baseline.envelope().iteration());
        assertEquals(repo.commit(), baseline.source().commit());
        assertEquals(submitted.eventId(), baseline.envelope().causationId());
        assertEquals(60_000, baseline.verify().timeoutMs());
        assertTrue(baseline.verify().collectCoverage(), "the baseline run collects per-test coverage for localisation");

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(repo.bundle()));
        assertEquals(sha, baseline.source().bundleSha());
        byte[] served = given().when().get("/sources/" + sha)
                .then().statusCode(200).contentType("application/octet-stream")
                .extract().asByteArray();
        assertArrayEquals(repo.bundle(), served);

        given().when().get("/jobs/" + jobId)
                .then().statusCode(200)
                .body("state", equalTo("BASELINE"))
                .body("source.commit", equalTo(repo.commit()))
                .body("source.bundleSha", equalTo(sha));
        given().when().get("/jobs/" + jobId + "/patch")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("it is BASELINE"));

        VerdictIssued pass = verdict(jobId, baseline, Verdict.PASS, List.of(), 3, "");
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(pass));
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(pass)); // redelivered: must change nothing

        List<ConsumerRecord<String, String>> concluded = KafkaProbe.await(TestTopics.JOBS,
                rec -> jobId.equals(rec.key()) && rec.value().contains(EventTypes.JOB_CONCLUDED), 2, Duration.ofSeconds(20));
        assertEquals(1, concluded.size(), "exactly one JobConcluded");
        JobConcluded c = EventCodec.read(concluded.getFirst().value(), JobConcluded.class);
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals("nothing to repair: all 3 tests already pass at " + repo.commit(), c.reason());
        assertEquals("", c.patch());
        assertEquals(0, c.candidatesTried());
        assertEquals(pass.eventId(), c.envelope().causationId());

        given().when().get("/jobs/" + jobId)
                .then().statusCode(200)
                .body("state", equalTo("CONCLUDED"))
                .body("outcome", equalTo("SUCCEEDED"))
                .body("reason", startsWith("nothing to repair"));
        given().when().get("/jobs/" + jobId + "/patch").then().statusCode(200).contentType("text/x-diff");
        given().when().get("/jobs?limit=50").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(jobId));
    }

    @Test
    void failingBaselineIsLocalisedAndRepairedUntilAPassingCandidate() throws Exception {
        String jobId = submitStats("{\"budget\": {\"maxIterations\": 2, \"maxCandidates\": 50}}");
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(failingBaseline(jobId, baseline)));

        PlanProposed repair = plan(jobId, 1);
        assertEquals(PlanKind.REPAIR, repair.kind());
        assertEquals(List.of("com.acme.stats.StatsTest#median"), repair.verify().testsFirst());
        assertEquals("com.acme.stats.StatsTest#median", repair.failingTests().getFirst().testId());
        assertEquals(50, repair.maxCandidates()); // min(per-iteration cap 60, budget 50)
        int rank = -1;
        for (int i = 0; i < repair.locations().size(); i++) {
            var l = repair.locations().get(i);
            if (l.file().equals("src/main/java/com/acme/stats/Stats.java") && l.line() == TestRepos.BUG_LINE) {
                rank = i;
            }
        }
        assertTrue(rank >= 0 && rank < 5, "buggy line ranked in the top 5: " + repair.locations());
        // the baseline's coverage: only the failing test runs median() → Ochiai 1.0, agreed by the call graph
        assertEquals("ochiai+call-graph", repair.locations().get(rank).evidence(), repair.locations().toString());
        assertEquals(1.0, repair.locations().get(rank).score(), 1e-9);

        // the actuator proposes two candidates; the first fails, the second passes
        sendCandidates(jobId, repair, 2);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, repair, Verdict.FAIL,
                List.of(failure()), 2, "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n")));
        String fix = "--- a/src/main/java/com/acme/stats/Stats.java\n+++ b/src/main/java/com/acme/stats/Stats.java\n"
                + "@@ -27 +27 @@\n-        return (sorted[mid - 1] + sorted[mid]) / 3;\n+        return (sorted[mid - 1] + sorted[mid]) / 2;\n";
        VerdictIssued win = verdict(jobId, repair, Verdict.PASS, List.of(), 2, fix);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(win));

        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals(fix, c.patch());
        assertEquals(win.candidateId(), c.winningCandidateId());
        assertEquals(2, c.candidatesTried());
        given().when().get("/jobs/" + jobId + "/patch")
                .then().statusCode(200).contentType("text/x-diff").body(endsWith("/ 2;\n"));
        given().when().get("/jobs/" + jobId)
                .then().body("candidatesProposed", equalTo(2)).body("candidatesVerified", equalTo(2))
                .body("candidatesFailed", equalTo(1)).body("iterations", equalTo(1));
    }

    @Test
    void iterationsGoOnToTheNextLocationsAndStopAtTheBudget() throws Exception {
        String jobId = submitStats("{\"budget\": {\"maxIterations\": 2, \"maxCandidates\": 50}}");
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(failingBaseline(jobId, baseline)));
        PlanProposed first = plan(jobId, 1);

        // verdicts arrive before the candidate count: the plan completes when the count comes
        VerdictIssued failed = verdict(jobId, first, Verdict.FAIL, List.of(failure()), 2, "--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+c\n");
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(failed));
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, first, Verdict.TIMEOUT, List.of(), 0, "--- a/z\n+++ b/z\n@@ -1 +1 @@\n-a\n+d\n")));
        sendCandidates(jobId, first, 2);

        PlanProposed second = plan(jobId, 2);
        assertEquals(2, second.triedPatchHashes().size());
        assertTrue(first.locations().size() + second.locations().size() <= 400);
        assertTrue(second.locations().stream().noneMatch(first.locations()::contains), "second plan takes the next locations");
        assertEquals(48, second.maxCandidates());

        sendCandidates(jobId, second, 0); // nothing more to propose: iteration budget is spent
        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.EXHAUSTED, c.outcome());
        assertTrue(c.reason().startsWith("tried 2 candidates at "), c.reason());
        assertTrue(c.reason().endsWith("in 2 iterations; none made all tests pass (iteration budget of 2 spent)"), c.reason());
    }

    @Test
    void unreachableGitUrlConcludesFailedWithAClearReason() {
        String jobId = given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"http://localhost:9/nothing.git\", \"ref\": \"main\"}, \"task\": \"x\"}")
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().startsWith("could not resolve the source: cannot clone http://localhost:9/nothing.git"), c.reason());
        given().when().get("/jobs/" + jobId)
                .then().body("outcome", equalTo("FAILED")).body("state", equalTo("CONCLUDED"));
        given().when().get("/jobs/" + jobId + "/patch")
                .then().statusCode(404).body("detail", containsString("it concluded FAILED"));
    }

    @Test
    void aTaskAndErrorLogAtTheirLimitsStillTravelOnKafka() {
        // the largest task the planner accepts, made of control characters that JSON escapes 6-fold (\\u0001), and the
        // largest error log: JobSubmitted must stay under the broker's 1 MiB message size and arrive
        String task = "\\u0001".repeat(65_536);
        String jobId = given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"http://localhost:9/max.git\"}, \"task\": \"" + task
                        + "\", \"errorLog\": \"" + "e".repeat(1 << 20) + "\"}")
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        JobSubmitted submitted = one(TestTopics.JOBS, jobId, EventTypes.JOB_SUBMITTED, JobSubmitted.class);
        assertEquals(65_536, submitted.task().text().length());
        assertEquals(16_000 + "[…truncated…]\n".length(), submitted.task().errorLog().length());
        assertEquals(Outcome.FAILED, one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class).outcome());
    }

    @Test
    void aZippedFolderIsSnapshottedIntoABundleAndAHostileZipFailsTheJobSayingWhy() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(TestRepos.STATS_PROJECT).entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry("stats/" + f.getKey()));
                zip.write(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        String jobId = given().multiPart("bundle", "stats.zip", bytes.toByteArray(), "application/zip")
                .multiPart("job", "{\"task\": \"make the failing tests pass\"}", "application/json")
                .when().post("/jobs")
                .then().statusCode(202).body("source.kind", equalTo("bundle"))
                .extract().path("id");
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        assertEquals(PlanKind.BASELINE, baseline.kind());
        assertEquals(40, baseline.source().commit().length(), "the zip's snapshot commit: " + baseline.source().commit());
        byte[] served = given().when().get("/sources/" + baseline.source().bundleSha())
                .then().statusCode(200).extract().asByteArray();
        assertTrue(new String(served, 0, 16, java.nio.charset.StandardCharsets.US_ASCII).startsWith("# v2 git bundle"));

        java.io.ByteArrayOutputStream evil = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(evil)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("../../outside.sh"));
            zip.write("echo owned\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        String evilId = given().multiPart("bundle", "evil.zip", evil.toByteArray(), "application/zip")
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        JobConcluded c = one(TestTopics.JOBS, evilId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().contains("outside the project or inside .git"), c.reason());
    }

    @Test
    void unknownRefInABundleConcludesFailed() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        String jobId = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"source\": {\"ref\": \"no-such-branch\"}}", "application/json")
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().contains("no-such-branch"), c.reason());
    }

    @Test
    void cancelSendsJobCancelledThenConcludesCancelled() throws Exception {
        String jobId = submitStats(null);
        given().when().post("/jobs/" + jobId + "/cancel")
                .then().statusCode(202).body("outcome", equalTo("CANCELLED")).body("state", equalTo("CONCLUDED"));
        given().when().post("/jobs/" + jobId + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already concluded CANCELLED"));
        assertEquals(1, KafkaProbe.await(TestTopics.JOBS, rec -> jobId.equals(rec.key())
                && rec.value().contains(EventTypes.JOB_CANCELLED), 1, WAIT).size());
        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.CANCELLED, c.outcome());
    }

    @Test
    void eventsComeFromTheAuditLogAsJsonAndAsAStreamThatEndsAtTheConclusion() throws Exception {
        String jobId = submitStats(null);
        given().when().get("/jobs/" + jobId + "/events")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("seq", org.hamcrest.Matchers.contains(1, 2))
                .body("[1].type", equalTo(EventTypes.JOB_CONCLUDED));
        given().when().get("/jobs/" + jobId + "/events?after=1")
                .then().statusCode(200).body("seq", org.hamcrest.Matchers.contains(2));
        String sse = given().accept("text/event-stream")
                .when().get("/jobs/" + jobId + "/events")
                .then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();
        assertTrue(sse.contains("\"seq\":1") && sse.contains("\"seq\":2"), sse);
        assertTrue(sse.contains(EventTypes.JOB_CONCLUDED), sse);
    }

    @Test
    void theJsonHistoryIsInTheOrderEventsHappenedNotTheOrderTheUpdaterReceivedThem() throws Exception {
        String jobId = submitStats(null);
        String entry = """
                {"seq":%d,"eventId":"%s","type":"%s","jobId":"%s","iteration":0,"causationId":null,\
                "occurredAt":"%s","producer":"x","topic":"t","payload":{}}""";
        String log = "[" + String.join(",",
                entry.formatted(1, UUID.randomUUID(), "pavu.diff.proposed.v1", jobId, "2026-01-01T00:00:03Z"),
                entry.formatted(2, UUID.randomUUID(), "pavu.job.submitted.v1", jobId, "2026-01-01T00:00:01Z"),
                entry.formatted(3, UUID.randomUUID(), "pavu.plan.proposed.v1", jobId, "2026-01-01T00:00:02Z")) + "]";
        FakeUpdater.script(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.rest-client.updater.url", String.class), jobId, log);
        given().when().get("/jobs/" + jobId + "/events")
                .then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("pavu.job.submitted.v1", "pavu.plan.proposed.v1", "pavu.diff.proposed.v1"));
        given().when().get("/jobs/" + jobId + "/events?after=0")
                .then().statusCode(200).body("seq", org.hamcrest.Matchers.contains(1, 2, 3));
    }

    @Test
    void jobsPastTheirTimeLimitAreExhausted() throws Exception {
        String jobId = submitStats("{\"budget\": {\"candidateTimeoutMs\": 1000, \"jobTimeoutMs\": 1500}}");
        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.EXHAUSTED, c.outcome());
        assertTrue(c.reason().startsWith("the job ran out of time (jobTimeoutMs=1500)"), c.reason());
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheChannelGoesOn() throws Exception {
        String marker = "not-an-event-" + UUID.randomUUID();
        KafkaProbe.send(TestTopics.VERDICTS, marker, marker);
        List<ConsumerRecord<String, String>> dead = KafkaProbe.await(TestTopics.DLQ_VERDICTS,
                rec -> marker.equals(rec.value()), 1, WAIT);
        assertEquals(1, dead.size());
        var reason = dead.getFirst().headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value()).contains("not JSON"), "reason header");
        // the consumer names itself (service-kit pavu-dead-letter), so the planner's dead letters are told apart
        var h = dead.getFirst().headers();
        assertEquals("planner-service", new String(h.lastHeader("pavu-dlq-service").value()));
        assertEquals("planner-service-test", new String(h.lastHeader("pavu-dlq-group").value()));
        assertEquals("verdicts-in", new String(h.lastHeader("pavu-dlq-channel").value()));
        assertEquals("1", new String(h.lastHeader("pavu-dlq-attempts").value()));
        assertEquals(TestTopics.VERDICTS, new String(h.lastHeader("dead-letter-topic").value()));
        assertEquals("dev.pavu.contracts.EventFormatException",
                new String(h.lastHeader("dead-letter-exception-class-name").value()));
        // the channel still works
        String jobId = submitStats(null);
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, baseline, Verdict.PASS, List.of(), 2, "")));
        assertEquals(Outcome.SUCCEEDED, one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class).outcome());
    }

    // ---------------------------------------------------------------------------------------------

    private static String submitStats(String job) throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        var req = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream");
        if (job != null) {
            req = req.multiPart("job", job, "application/json");
        }
        return req.when().post("/jobs").then().statusCode(202).extract().path("id");
    }




    private static TestFailure failure() {
        return new TestFailure("com.acme.stats.StatsTest#median", "com.acme.stats.StatsTest", "median", "failure",
                "expected: <2.5> but was: <1.6666666666666667>", """
                org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.6666666666666667>
                	at org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
                	at org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:86)
                	at com.acme.stats.StatsTest.median(StatsTest.java:16)
                """);
    }

    static VerdictIssued failingBaseline(String jobId, PlanProposed baseline) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(jobId), 0, baseline.eventId(),
                "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL, "1 of 2 tests failed: StatsTest#median",
                List.of(new GateResult("static", Verdict.PASS, 800, "compiled"), new GateResult("tests", Verdict.FAIL, 1500, "1 of 2 tests failed")),
                List.of(failure()), 2, 1, 2300, "", "empty-patch", null, null, List.of(
                        new TestCoverage("com.acme.stats.StatsTest#mean", true, Map.of(STATS_FILE, List.of(8, 9, 13, 14, 15, 17))),
                        new TestCoverage("com.acme.stats.StatsTest#median", false,
                                Map.of(STATS_FILE, List.of(8, 9, 21, 22, 23, 24, TestRepos.BUG_LINE)))));
    }

    private static final String STATS_FILE = "src/main/java/com/acme/stats/Stats.java";

    static VerdictIssued verdict(String jobId, PlanProposed plan, Verdict v, List<TestFailure> failing, int run,
                                         String diff) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(jobId), plan.envelope().iteration(),
                plan.eventId(), "verifier-service"), UUID.randomUUID(), plan.planId(), v, v + " verdict",
                List.of(), failing, run, failing.size(), 1000, diff, diff.isEmpty() ? "empty-patch" : "test-pattern",
                null, null, List.of());
    }
}
