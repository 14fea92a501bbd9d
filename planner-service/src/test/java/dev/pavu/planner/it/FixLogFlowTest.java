package dev.pavu.planner.it;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.pavu.planner.it.FlowEvents.one;
import static dev.pavu.planner.it.FlowEvents.plan;
import static dev.pavu.planner.it.FlowEvents.sendCandidates;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A FIX_LOG job through the planner against the real broker and database, the actuator and verifier played by this
 * test: the reproduce command travels to the verifier with the log's failure; a baseline whose tests pass but whose
 * failure reproduces is localised from the log's stack frames and repaired; the job succeeds only on a candidate whose
 * tests pass and whose failure no longer reproduces. Without a reproduce command, passing tests get an answer saying
 * what to give.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class FixLogFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Stats.median of no values reads sorted[-1] at the buggy line; the project's tests never try that. */
    static final String LOG = """
            2026-12-06 21:14:03 INFO  report: computing the median of 0 values
            Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: Index -1 out of bounds for length 0
            \tat com.acme.stats.Stats.median(Stats.java:%d)
            \tat com.acme.stats.Report.main(Report.java:5)
            """.formatted(TestRepos.BUG_LINE);
    static final String REPRODUCE = "java -cp target/classes com.acme.stats.Report";

    @Test
    void passingTestsWithAReproducingFailureAreLocalisedFromTheLogAndRepairedUntilItNoLongerReproduces() throws Exception {
        String jobId = submit(REPRODUCE);
        JobSubmitted submitted = one(TestTopics.JOBS, jobId, EventTypes.JOB_SUBMITTED, JobSubmitted.class);
        assertEquals(REPRODUCE, submitted.task().reproduceCommand());
        given().when().get("/jobs/" + jobId).then().statusCode(200).body("task.reproduceCommand", equalTo(REPRODUCE));

        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        ReproduceSpec expected = new ReproduceSpec(REPRODUCE, new LoggedFailure("java.lang.ArrayIndexOutOfBoundsException",
                List.of("com.acme.stats.Stats.median", "com.acme.stats.Report.main")));
        assertEquals(expected, baseline.verify().reproduce());

        // the verifier: both tests pass, the logged failure still happens
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, baseline, Verdict.FAIL, List.of(
                new GateResult("static", Verdict.PASS, 800, "compiled"),
                new GateResult("tests", Verdict.PASS, 1500, "all 2 tests passed"),
                new GateResult("reproduce", Verdict.FAIL, 300, "the logged failure java.lang.ArrayIndexOutOfBoundsException at "
                        + "com.acme.stats.Stats.median still reproduces under '" + REPRODUCE + "'")), "")));

        PlanProposed repair = plan(jobId, 1);
        assertEquals(PlanKind.REPAIR, repair.kind());
        assertEquals(expected, repair.verify().reproduce(), "every candidate is checked against the log's failure");
        assertTrue(repair.failingTests().isEmpty(), repair.failingTests().toString());
        assertTrue(repair.verify().testsFirst().isEmpty(), repair.verify().testsFirst().toString());
        SuspiciousLocation top = repair.locations().getFirst();
        assertEquals("src/main/java/com/acme/stats/Stats.java", top.file(), repair.locations().toString());
        assertEquals(TestRepos.BUG_LINE, top.line(), repair.locations().toString());
        assertTrue(top.evidence().contains("stack-trace"), top.evidence());

        // a candidate whose tests pass but that still crashes is not the fix; the next one is
        sendCandidates(jobId, repair, 2);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, repair, Verdict.FAIL, List.of(
                new GateResult("tests", Verdict.PASS, 1500, "all 2 tests passed"),
                new GateResult("reproduce", Verdict.FAIL, 300, "still reproduces")), "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n")));
        String fix = "--- a/src/main/java/com/acme/stats/Stats.java\n+++ b/src/main/java/com/acme/stats/Stats.java\n"
                + "@@ -27 +27 @@\n-        return (sorted[mid - 1] + sorted[mid]) / 3;\n"
                + "+        return sorted.length == 0 ? Double.NaN : (sorted[mid - 1] + sorted[mid]) / 3;\n";
        VerdictIssued win = verdict(jobId, repair, Verdict.PASS, List.of(
                new GateResult("tests", Verdict.PASS, 1500, "all 2 tests passed"),
                new GateResult("reproduce", Verdict.PASS, 300, "the logged failure java.lang.ArrayIndexOutOfBoundsException at "
                        + "com.acme.stats.Stats.median no longer reproduces (the command exited 0)")), fix);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(win));

        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.SUCCEEDED, c.outcome(), c.reason());
        assertEquals(fix, c.patch());
        assertEquals(win.candidateId(), c.winningCandidateId());
        assertTrue(c.reason().contains("makes all 2 tests pass and the logged failure java.lang.ArrayIndexOutOfBoundsException"
                + " at com.acme.stats.Stats.median no longer reproduces under '" + REPRODUCE + "'"), c.reason());
    }

    @Test
    void passingTestsWithoutAReproduceCommandAnswerWhatToGive() throws Exception {
        String jobId = submit(null);
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        assertNull(baseline.verify().reproduce());
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(jobId, baseline, Verdict.PASS, List.of(
                new GateResult("tests", Verdict.PASS, 1500, "all 2 tests passed")), "")));

        JobConcluded c = one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome(), c.reason());
        assertTrue(c.reason().startsWith("all 2 tests pass at "), c.reason());
        assertTrue(c.reason().contains("the logged failure (java.lang.ArrayIndexOutOfBoundsException at com.acme.stats.Stats.median)"),
                c.reason());
        assertTrue(c.reason().contains("reproduceCommand") && c.reason().contains("pavu submit --reproduce CMD"), c.reason());
    }

    @Test
    void aReproduceCommandNeedsAFixLogJobWithAStackTraceInItsLog() throws Exception {
        byte[] bundle = TestRepos.bundle(TestRepos.STATS_PROJECT).bundle();
        given().multiPart("bundle", "repo.bundle", bundle, "application/octet-stream")
                .multiPart("job", "{\"kind\": \"REPAIR\", \"reproduceCommand\": \"java Main\"}", "application/json")
                .when().post("/jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("reproduceCommand"))
                .body("errors[0].message", containsString("kind FIX_LOG only"));
        given().multiPart("bundle", "repo.bundle", bundle, "application/octet-stream")
                .multiPart("job", "{\"kind\": \"FIX_LOG\", \"errorLog\": \"ERROR disk full\", \"reproduceCommand\": \"java Main\"}",
                        "application/json")
                .when().post("/jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("errorLog"))
                .body("errors[0].message", containsString("holds no Java stack trace"));
        given().multiPart("bundle", "repo.bundle", bundle, "application/octet-stream")
                .multiPart("job", "{\"kind\": \"FIX_LOG\", \"errorLog\": \"x\", \"reproduceCommand\": \"java\\u0000Main\"}",
                        "application/json")
                .when().post("/jobs").then().statusCode(400)
                .body("detail", containsString("NUL"));
    }

    // ---------------------------------------------------------------------------------------------

    private static String submit(String reproduce) throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        String job = "{\"kind\": \"FIX_LOG\", \"errorLog\": " + json(LOG)
                + (reproduce == null ? "" : ", \"reproduceCommand\": " + json(reproduce)) + "}";
        return given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", job, "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }




    private static VerdictIssued verdict(String jobId, PlanProposed plan, Verdict v, List<GateResult> gates, String diff) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(jobId), plan.envelope().iteration(),
                plan.eventId(), "verifier-service"), UUID.randomUUID(), plan.planId(), v, v + " verdict", gates, List.of(), 2,
                0, 1000, diff, diff.isEmpty() ? "empty-patch" : "test-pattern", null, null, List.of());
    }
}
