package dev.pavu.planner.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.pavu.planner.it.FlowEvents.plan;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /jobs/{id}/report}: a job repaired through the real broker and database (the actuator and verifier
 * played by this test), its audit log played by {@link FakeUpdater}; the report joins both.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class JobReportTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STATS = "src/main/java/com/acme/stats/Stats.java";
    static final String WRONG = "--- a/" + STATS + "\n+++ b/" + STATS + "\n@@ -27 +27 @@\n"
            + "-        return (sorted[mid - 1] + sorted[mid]) / 3;\n+        return (sorted[mid - 1] + sorted[mid]) / 4;\n";
    static final String FIX = "--- a/" + STATS + "\n+++ b/" + STATS + "\n@@ -27 +27 @@\n"
            + "-        return (sorted[mid - 1] + sorted[mid]) / 3;\n+        return (sorted[mid - 1] + sorted[mid]) / 2;\n";

    @Test
    void theReportOfARepairedJobShowsBaselineRankingDecisionsCandidatesInOrderAndThePatch() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        String jobId = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"task\": \"fix the median\", \"budget\": {\"maxCandidates\": 10}}", "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
        UUID job = UUID.fromString(jobId);
        List<PavuEvent> log = new ArrayList<>();

        PlanProposed baseline = plan(jobId, 0);
        log.add(baseline);
        VerdictIssued baselineVerdict = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 0, baseline.eventId(),
                "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL, "1 of 2 tests failed: StatsTest#median",
                List.of(new GateResult("tests", Verdict.FAIL, 1500, "1 of 2 tests failed")), List.of(failure()), 2, 1, 2300, "",
                "empty-patch", null, null, List.of());
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(baselineVerdict));
        log.add(baselineVerdict);

        PlanProposed repair = plan(jobId, 1);
        log.add(repair);
        DiffProposed wrong = diff(repair, WRONG, "wrong-constant", "Stats.java:27 replace 3 with 4", 0);
        DiffProposed fix = diff(repair, FIX, "arithmetic-constant", "Stats.java:27 replace 3 with 2", 1);
        log.add(wrong);
        log.add(fix);
        KafkaProbe.send(TestTopics.CANDIDATES, jobId, EventCodec.write(new CandidatesProposed(Envelope.of(
                EventTypes.CANDIDATES_PROPOSED, job, 1, repair.eventId(), "actuator-service"), repair.planId(), 2, 0, List.of(),
                "2 candidates")));
        VerdictIssued failed = verdict(wrong, Verdict.FAIL, "1 of 2 tests failed: StatsTest#median", 1200);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(failed));
        log.add(failed);
        awaitVerified(jobId, 1); // so that the planner receives the two verdicts in this order
        VerdictIssued passed = verdict(fix, Verdict.PASS, "all 2 tests passed", 850);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(passed));
        log.add(passed);
        List<ConsumerRecord<String, String>> concluded = KafkaProbe.await(TestTopics.JOBS,
                rec -> jobId.equals(rec.key()) && rec.value().contains(EventTypes.JOB_CONCLUDED), 1, WAIT);
        assertEquals(Outcome.SUCCEEDED, EventCodec.read(concluded.getFirst().value(), JobConcluded.class).outcome());

        FakeUpdater.script(ConfigProvider.getConfig().getValue("quarkus.rest-client.updater.url", String.class), jobId,
                auditLog(log));

        String md = given().when().get("/jobs/" + jobId + "/report")
                .then().statusCode(200).contentType(containsString("text/markdown"))
                .extract().asString();
        assertTrue(md.startsWith("# Pavu job report `" + jobId + "`"), md);
        assertTrue(md.contains("| commit | `" + repo.commit() + "` |"), md);
        assertTrue(md.contains("| task | REPAIR: fix the median |"), md);
        assertTrue(md.contains("| outcome | **SUCCEEDED** |"), md);
        assertTrue(md.contains("Tests run: 2, failing: 1 (verdict FAIL: 1 of 2 tests failed: StatsTest#median), in 2.3 s."), md);
        assertTrue(md.contains("| `com.acme.stats.StatsTest#median` | failure | expected: <2.5> but was: <1.6666666666666667> |"), md);
        assertTrue(md.contains("`" + STATS + ":" + TestRepos.BUG_LINE + "` | `com.acme.stats.Stats#median` |"), md);
        assertTrue(md.contains("- iteration 0 (BASELINE): **baseline** — run the tests once on the unchanged source"), md);
        assertTrue(md.matches("(?s).*\\n- iteration 1 \\(REPAIR, statements 1–\\d+, up to 10 candidates; 2 proposed\\): "
                + "\\*\\*repair\\*\\* — template repair at suspicious statements .*"), md);
        String first = "| 1 | 1 | `wrong-constant` | Stats.java:27 replace 3 with 4 | FAIL | 1 of 2 tests failed: StatsTest#median | 1.2 s |";
        String second = "| 2 | 1 | `arithmetic-constant` | Stats.java:27 replace 3 with 2 | **PASS** (plausible patch) | all 2 tests passed | 850 ms |";
        assertTrue(md.contains(first) && md.contains(second) && md.indexOf(first) < md.indexOf(second), md);
        assertTrue(md.endsWith("## Patch\n\n```diff\n" + FIX + "```\n"), md);

        io.restassured.response.Response page = given().accept("text/html").when().get("/jobs/" + jobId + "/report")
                .then().statusCode(200).contentType(containsString("text/html")).extract().response();
        assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'none'"), page.headers().toString());
        String html = page.asString();
        assertTrue(html.startsWith("<!doctype html>") && html.contains("<title>Pavu job " + jobId + "</title>"), html);
        assertTrue(html.contains("<td><code>com.acme.stats.StatsTest#median</code></td>"), html);
        assertTrue(html.contains("<td>expected: &lt;2.5&gt; but was: &lt;1.6666666666666667&gt;</td>"), html);
        assertTrue(html.contains("<pre><code class=\"language-diff\">--- a/" + STATS), html);
    }

    @Test
    void aJobWithTwoPlausibleCandidatesReportsBothRankedAndConcludesWithTheBetterOne() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        String jobId = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"task\": \"fix the median\", \"budget\": {\"maxCandidates\": 10}}", "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
        UUID job = UUID.fromString(jobId);
        PlanProposed baseline = plan(jobId, 0);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED,
                job, 0, baseline.eventId(), "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL,
                "1 of 2 tests failed: StatsTest#median", List.of(new GateResult("tests", Verdict.FAIL, 1500, "1 of 2 tests failed")),
                List.of(failure()), 2, 1, 2300, "", "empty-patch", null, null, List.of())));
        PlanProposed repair = plan(jobId, 1);

        // the first plausible patch deletes the odd-length branch (the tests only check an even length): it passes
        String original = TestRepos.STATS_PROJECT.get(STATS);
        String deletes = UnifiedDiffs.create(STATS, original,
                original.replace("        if (sorted.length % 2 == 1) {\n            return sorted[mid];\n        }\n", ""));
        DiffProposed deletion = diff(repair, deletes, "statement-deletion", "Stats.java:24 delete the if statement", 0);
        DiffProposed fix = diff(repair, FIX, "constant-replacement", "Stats.java:27 replace 3 with 2", 1);
        DiffProposed wrong = diff(repair, WRONG, "constant-replacement", "Stats.java:27 replace 3 with 4", 2);
        KafkaProbe.send(TestTopics.CANDIDATES, jobId, EventCodec.write(new CandidatesProposed(Envelope.of(
                EventTypes.CANDIDATES_PROPOSED, job, 1, repair.eventId(), "actuator-service"), repair.planId(), 3, 0, List.of(),
                "3 candidates")));
        VerdictIssued first = verdict(deletion, Verdict.PASS, "all 2 tests passed", 700);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(first));
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(first)); // redelivered: counted once
        awaitVerified(jobId, 1);
        given().when().get("/jobs/" + jobId).then().statusCode(200).body("state", equalTo("REPAIRING"));
        VerdictIssued better = verdict(fix, Verdict.PASS, "all 2 tests passed", 800);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(better));
        awaitVerified(jobId, 2);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(verdict(wrong, Verdict.FAIL, "1 of 2 tests failed", 900)));

        List<ConsumerRecord<String, String>> concluded = KafkaProbe.await(TestTopics.JOBS,
                rec -> jobId.equals(rec.key()) && rec.value().contains(EventTypes.JOB_CONCLUDED), 1, WAIT);
        JobConcluded c = EventCodec.read(concluded.getFirst().value(), JobConcluded.class);
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals(fix.candidateId(), c.winningCandidateId(), c.reason());
        assertEquals(FIX, c.patch());
        assertTrue(c.reason().contains("ranked first of 2 plausible patches"), c.reason());
        given().when().get("/jobs/" + jobId + "/patch").then().statusCode(200).body(equalTo(FIX));

        JsonNode report = JSON.readTree(given().accept("application/json").when().get("/jobs/" + jobId + "/report")
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString());
        assertEquals(2, report.get("plausibleCount").asInt(), report.toString());
        JsonNode top = report.get("plausible").get(0);
        JsonNode second = report.get("plausible").get(1);
        assertEquals(fix.candidateId().toString(), top.get("candidateId").asText());
        assertEquals(1, top.get("rank").asInt());
        assertEquals(deletion.candidateId().toString(), second.get("candidateId").asText());
        assertEquals(2, second.get("rank").asInt());
        assertTrue(top.get("score").asDouble() > second.get("score").asDouble(), report.toString());
        assertEquals("deletes no statement, return, throw or condition (kept behaviour 1.00)", top.get("reasons").get(1).asText());
        assertTrue(second.get("reasons").get(1).asText().startsWith("deletes 2 statements (1 return/throw), adding nothing: penalised"),
                second.toString());

        String md = given().when().get("/jobs/" + jobId + "/report").then().statusCode(200).extract().asString();
        assertTrue(md.contains("## Plausible patches\n\n2 candidates make all tests pass; ranked by likelihood of being correct"), md);
        assertTrue(md.contains("| 1 | `" + fix.candidateId() + "` | `constant-replacement` | "), md);
        assertTrue(md.contains("| 2 | `" + deletion.candidateId() + "` | `statement-deletion` | "), md);
        assertTrue(md.endsWith("## Patch\n\n```diff\n" + FIX + "```\n"), md);
    }

    @Test
    void anUnknownJobIsANotFoundProblemAndAMalformedIdABadRequest() {
        UUID unknown = UUID.randomUUID();
        given().when().get("/jobs/" + unknown + "/report")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("no job " + unknown));
        given().when().get("/jobs/nope/report")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    // ---------------------------------------------------------------------------------------------


    private static DiffProposed diff(PlanProposed plan, String diff, String pattern, String description, int index) {
        return new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, plan.envelope().jobId(), 1, plan.eventId(),
                "actuator-service"), UUID.randomUUID(), plan.planId(), plan.source(), diff, "template", pattern,
                description, 1.0 - index * 0.1, index, plan.verify());
    }

    private static VerdictIssued verdict(DiffProposed d, Verdict v, String reason, long ms) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, d.envelope().jobId(), 1, d.eventId(),
                "verifier-service"), d.candidateId(), d.planId(), v, reason, List.of(),
                v == Verdict.PASS ? List.of() : List.of(failure()), 2, v == Verdict.PASS ? 0 : 1, ms, d.diff(), d.pattern(),
                null, null, List.of());
    }

    private static void awaitVerified(String jobId, int n) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            int verified = given().when().get("/jobs/" + jobId).then().statusCode(200).extract().path("candidatesVerified");
            if (verified >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " never had " + n + " verified candidates");
    }

    private static TestFailure failure() {
        return new TestFailure("com.acme.stats.StatsTest#median", "com.acme.stats.StatsTest", "median", "failure",
                "expected: <2.5> but was: <1.6666666666666667>", """
                org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.6666666666666667>
                	at org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:86)
                	at com.acme.stats.StatsTest.median(StatsTest.java:16)
                """);
    }

    /** The events as the updater's audit log lists them. */
    private static String auditLog(List<PavuEvent> events) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        long seq = 0;
        for (PavuEvent e : events) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("seq", ++seq);
            entry.put("eventId", e.eventId().toString());
            entry.put("type", e.envelope().type());
            entry.put("jobId", e.envelope().jobId().toString());
            entry.put("iteration", e.envelope().iteration());
            entry.put("occurredAt", e.envelope().occurredAt().toString());
            entry.put("producer", e.envelope().producer());
            entry.put("topic", "pavu.test");
            entry.set("payload", JSON.readTree(EventCodec.write(e)));
            list.add(entry);
        }
        return JSON.writeValueAsString(list);
    }
}
