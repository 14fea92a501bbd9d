package dev.pavu.updater;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.kit.messaging.EventMessages;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater against the real broker and database: events published on their topics appear in the audit
 * log in order, the summary follows them, a redelivered event is stored once, the log refuses changes, and
 * garbage goes to the dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
class AuditLogTest {

    private static final String PATCH = """
            --- a/src/main/java/com/acme/Stats.java
            +++ b/src/main/java/com/acme/Stats.java
            @@ -17 +17 @@
            -        for (int i = 0; i < n - 1; i++) {
            +        for (int i = 0; i < n; i++) {
            """;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aJobsEventsAppearInOrderWithTheirContentAndTheSummaryFollowsThem() {
        UUID job = UUID.randomUUID();
        SourceRef source = new SourceRef("bundle", null, null, "a".repeat(40), "b".repeat(64));
        VerifySpec verify = new VerifySpec(null, 60_000, List.of(), false);

        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("bundle", null, null, null, null), new TaskSpec(null, "make the tests pass", null, null, null),
                Budget.DEFAULT);
        PlanProposed baselinePlan = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 0, submitted.eventId(), "planner-service"),
                UUID.randomUUID(), PlanKind.BASELINE, source, null, null, null, 1, verify, null, null);
        DiffProposed empty = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 0, baselinePlan.eventId(), "actuator-service"),
                UUID.randomUUID(), baselinePlan.planId(), source, "", "baseline", "empty-patch", "the empty patch", 0, 0, verify);
        VerdictIssued baseline = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 0, empty.eventId(), "verifier-service"),
                empty.candidateId(), baselinePlan.planId(), Verdict.FAIL, "1 of 3 tests failed: StatsTest#mean",
                List.of(new GateResult("static", Verdict.PASS, 900, "compiled"), new GateResult("tests", Verdict.FAIL, 1200, "1 of 3 tests failed")),
                List.of(new TestFailure("com.acme.StatsTest#mean", "com.acme.StatsTest", "mean", "failure", "expected: <2.0> but was: <1.5>",
                        "org.opentest4j.AssertionFailedError: expected: <2.0> but was: <1.5>\n\tat com.acme.StatsTest.mean(StatsTest.java:12)")),
                3, 1, 2100, "", "empty-patch", null, null, null);
        PlanProposed repairPlan = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 1, baseline.eventId(), "planner-service"),
                UUID.randomUUID(), PlanKind.REPAIR, source, null,
                List.of(new SuspiciousLocation("src/main/java/com/acme/Stats.java", 17, "com.acme.Stats", "mean", 0.9, "stack-trace")),
                baseline.failingTests(), 2, verify, null, null);
        DiffProposed wrong = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, repairPlan.eventId(), "actuator-service"),
                UUID.randomUUID(), repairPlan.planId(), source, PATCH.replace("i < n;", "i <= n;"), "template",
                "relational-operator-replacement", "Stats.java:17 replace < with <=", 0.8, 0, verify);
        DiffProposed right = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, repairPlan.eventId(), "actuator-service"),
                UUID.randomUUID(), repairPlan.planId(), source, PATCH, "template", "off-by-one", "Stats.java:17 n - 1 -> n", 0.7, 1, verify);
        CandidatesProposed proposed = new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, job, 1, repairPlan.eventId(), "actuator-service"),
                repairPlan.planId(), 2, 0, null, "2 candidates from 2 patterns at 1 location");
        VerdictIssued fail = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, wrong.eventId(), "verifier-service"),
                wrong.candidateId(), repairPlan.planId(), Verdict.FAIL, "2 of 3 tests failed", List.of(), List.of(), 3, 2, 1500,
                wrong.diff(), wrong.pattern(), null, null, null);
        VerdictIssued pass = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, right.eventId(), "verifier-service"),
                right.candidateId(), repairPlan.planId(), Verdict.PASS, "all 3 tests passed", List.of(), List.of(), 3, 0, 1400,
                right.diff(), right.pattern(), null, null, null);
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 1, pass.eventId(), "planner-service"),
                Outcome.SUCCEEDED, "a plausible patch passes all 3 tests", PATCH, right.candidateId(), 2, 9_000);

        List<PavuEvent> story = List.of(submitted, baselinePlan, empty, baseline, repairPlan, wrong, right, proposed, fail, pass, concluded);
        for (PavuEvent e : story) {
            publish(e);
            // the topics are consumed concurrently: wait for each event so that the log order is the story's order
            awaitTrue("event " + e.envelope().type() + " recorded", () -> eventCount(job) >= story.indexOf(e) + 1);
        }

        JsonPath events = given().when().get("/audit/jobs/{id}/events", job)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(story.size(), events.getList("$").size());
        for (int i = 0; i < story.size(); i++) {
            PavuEvent e = story.get(i);
            String at = "[" + i + "]";
            assertEquals(e.eventId().toString(), events.getString(at + ".eventId"));
            assertEquals(e.envelope().type(), events.getString(at + ".type"));
            assertEquals(job.toString(), events.getString(at + ".jobId"));
            assertEquals(e.envelope().iteration(), events.getInt(at + ".iteration"));
            assertEquals(e.envelope().causationId() == null ? null : e.envelope().causationId().toString(),
                    events.getString(at + ".causationId"));
            assertEquals(e.envelope().producer(), events.getString(at + ".producer"));
            assertEquals(topicOf(e), events.getString(at + ".topic"));
            assertEquals(e.envelope().eventId().toString(), events.getString(at + ".payload.envelope.eventId"));
            assertTrue(events.getString(at + ".occurredAt").endsWith("Z"), "occurredAt is ISO-8601 UTC");
            if (i > 0) {
                assertTrue(events.getLong(at + ".seq") > events.getLong("[" + (i - 1) + "].seq"), "ordered by seq");
            }
        }
        assertEquals("1 of 3 tests failed: StatsTest#mean", events.getString("[3].payload.reason"));
        assertEquals("com.acme.StatsTest#mean", events.getString("[3].payload.failingTests[0].testId"));
        assertEquals(PATCH, events.getString("[10].payload.patch"));

        // paging: after=<seq of the 4th> gives the rest, limit caps
        long fourth = events.getLong("[3].seq");
        given().queryParam("after", fourth).queryParam("limit", 2).when().get("/audit/jobs/{id}/events", job)
                .then().statusCode(200).body("$", hasSize(2)).body("[0].eventId", equalTo(repairPlan.eventId().toString()));

        given().when().get("/audit/jobs/{id}/summary", job).then().statusCode(200)
                .body("jobId", equalTo(job.toString()))
                .body("state", equalTo("CONCLUDED"))
                .body("outcome", equalTo("SUCCEEDED"))
                .body("reason", equalTo("a plausible patch passes all 3 tests"))
                .body("task", equalTo("make the tests pass"))
                .body("baselineVerdict", equalTo("FAIL"))
                .body("failureKind", equalTo("AssertionFailedError"))
                .body("plans", equalTo(2))
                .body("candidates", equalTo(2))
                .body("verdicts.PASS", equalTo(1))
                .body("verdicts.FAIL", equalTo(1))
                .body("iterations", equalTo(1))
                .body("candidatesTried", equalTo(2))
                .body("winningCandidateId", equalTo(right.candidateId().toString()))
                .body("patch", equalTo(PATCH))
                .body("durationMs", equalTo(9000))
                .body("events", equalTo(story.size()));

        // the auditors' view: all jobs, by type
        given().queryParam("type", "pavu.job.concluded").queryParam("after", events.getLong("[9].seq"))
                .when().get("/audit/events").then().statusCode(200)
                .body("eventId", org.hamcrest.Matchers.hasItem(concluded.eventId().toString()));

        // statistics count the verified candidates of this job under its failure kind
        JsonPath stats = given().when().get("/stats/patterns").then().statusCode(200).extract().jsonPath();
        Map<String, Object> offByOne = stats.getMap("byFailureKindAndPattern.find { it.failureKind == 'AssertionFailedError' && it.pattern == 'off-by-one' }");
        assertTrue(((Number) offByOne.get("passes")).longValue() >= 1);
        assertTrue(stats.getList("patterns.pattern").contains("relational-operator-replacement"));
        assertFalse(stats.getList("patterns.pattern").contains("empty-patch"), "the baseline is not a candidate");

        // the periodic summary counts this job: its outcome, its failure kind, its winning pattern
        JsonPath summary = given().queryParam("since", java.time.Instant.now().minusSeconds(3600).toString())
                .when().get("/stats/summary").then().statusCode(200).extract().jsonPath();
        assertTrue(summary.getLong("jobs") >= 1, summary.prettify());
        assertTrue(summary.getLong("byOutcome.SUCCEEDED") >= 1, summary.prettify());
        assertTrue(summary.getList("topPatterns.name").contains(right.pattern()), summary.prettify());
        assertTrue(summary.getList("topFailureKinds.name").contains("AssertionFailedError"), summary.prettify());
        assertTrue(summary.getDouble("successRate") > 0 && summary.getDouble("successRate") <= 1, summary.prettify());
        assertTrue(summary.getDouble("timeToPatchMs.median") > 0, summary.prettify());
        given().queryParam("since", "2099-01-01T00:00:00Z").when().get("/stats/summary").then().statusCode(200)
                .body("jobs", equalTo(0)).body("successRate", org.hamcrest.Matchers.nullValue());
        given().queryParam("since", "last tuesday").when().get("/stats/summary").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("ISO-8601"));
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        UUID job = UUID.randomUUID();
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("git", "https://example.org/repo.git", "main", null, null),
                new TaskSpec(null, "twice", null, null, null), Budget.DEFAULT);
        publish(submitted);
        publish(submitted);
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 0, submitted.eventId(), "planner-service"),
                Outcome.FAILED, "cannot reach https://example.org/repo.git", null, null, 0, 50);
        publish(concluded); // same partition (key = job id), after both copies: once it is in, both copies were handled
        awaitTrue("conclusion recorded", () -> eventCount(job) >= 2);

        given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].eventId", equalTo(submitted.eventId().toString()))
                .body("[1].eventId", equalTo(concluded.eventId().toString()));
        given().when().get("/audit/jobs/{id}/summary", job).then().statusCode(200)
                .body("events", equalTo(2))
                .body("state", equalTo("CONCLUDED"))
                .body("outcome", equalTo("FAILED"))
                .body("sourceUrl", equalTo("https://example.org/repo.git"));
    }

    @Test
    void aJobExpiredByRetentionIsAppendedToItsChainAndLeavesItsSummaryAlone() {
        UUID job = UUID.randomUUID();
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("git", "https://example.org/repo.git", "main", null, null),
                new TaskSpec(null, "expire me", null, null, null), Budget.DEFAULT);
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 0, submitted.eventId(), "planner-service"),
                Outcome.EXHAUSTED, "no candidate passed", null, null, 3, 50);
        dev.pavu.contracts.JobExpired expired = new dev.pavu.contracts.JobExpired(
                Envelope.of(EventTypes.JOB_EXPIRED, job, 0, null, "planner-service"), "default",
                "keep the last 0 concluded jobs of team default", java.time.Instant.now(), null, false, java.time.Instant.now());
        publish(submitted);
        publish(concluded);
        publish(expired);
        awaitTrue("expiry recorded", () -> eventCount(job) >= 3);
        given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200)
                .body("[2].type", equalTo(EventTypes.JOB_EXPIRED));
        given().when().get("/audit/jobs/{id}/summary", job).then().statusCode(200)
                .body("state", equalTo("CONCLUDED"))
                .body("outcome", equalTo("EXHAUSTED"));
        given().when().get("/audit/jobs/{id}/verify", job).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aPushedResultBranchIsAppendedToItsChainAndLeavesItsSummaryAlone() {
        UUID job = UUID.randomUUID();
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("git", "https://example.org/repo.git", "main", null, null),
                new TaskSpec(null, "push me", null, null, null), Budget.DEFAULT);
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 1, submitted.eventId(), "planner-service"),
                Outcome.SUCCEEDED, "candidate 1 passes", "diff --git a/x b/x\n", UUID.randomUUID(), 1, 50);
        dev.pavu.contracts.ResultBranchDelivered pushed = new dev.pavu.contracts.ResultBranchDelivered(
                Envelope.of(EventTypes.RESULT_BRANCH_DELIVERED, job, 1, null, "planner-service"), "default", "pavu/fix-x",
                "PUSHED", "0123456789abcdef0123456789abcdef01234567", null);
        publish(submitted);
        publish(concluded);
        publish(pushed);
        awaitTrue("push recorded", () -> eventCount(job) >= 3);
        given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200)
                .body("[2].type", equalTo(EventTypes.RESULT_BRANCH_DELIVERED))
                .body("[2].payload.commit", equalTo("0123456789abcdef0123456789abcdef01234567"));
        given().when().get("/audit/jobs/{id}/summary", job).then().statusCode(200)
                .body("state", equalTo("CONCLUDED"))
                .body("outcome", equalTo("SUCCEEDED"));
        given().when().get("/audit/jobs/{id}/verify", job).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theLogRefusesUpdatesAndDeletes() throws SQLException {
        UUID job = UUID.randomUUID();
        publish(new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("bundle", null, null, null, null), new TaskSpec(null, "immutable", null, null, null), null));
        awaitTrue("event recorded", () -> eventCount(job) == 1);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("update events set producer = 'forger' where job_id = '" + job + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class,
                    () -> s.executeUpdate("delete from events where job_id = '" + job + "'"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].producer", equalTo("planner-service"));
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheChannelGoesOn() {
        String garbage = "not a pavu event " + UUID.randomUUID();
        KafkaProbe.send(TestTopics.VERDICTS, "k", garbage);
        String unknownType = "{\"envelope\":{\"type\":\"pavu.nonsense.v1\",\"eventId\":\"" + UUID.randomUUID() + "\"}}";
        KafkaProbe.send(TestTopics.PLANS, "k", unknownType);

        List<ConsumerRecord<String, String>> dead = KafkaProbe.await(TestTopics.deadLetter("verdicts-in"),
                r -> garbage.equals(r.value()), 1, Duration.ofSeconds(60));
        assertEquals(1, dead.size(), "garbage on the verdicts topic reaches its dead-letter topic");
        Header reason = dead.getFirst().headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("not JSON"),
                "the reason says why: " + (reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
        assertEquals(1, KafkaProbe.await(TestTopics.deadLetter("plans-in"), r -> unknownType.equals(r.value()), 1,
                Duration.ofSeconds(60)).size(), "an unknown event type reaches the plans dead-letter topic");

        // the channel goes on
        UUID job = UUID.randomUUID();
        VerdictIssued after = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 0, null, "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), Verdict.PASS, "all pass", null, null, 1, 0, 10, "", "empty-patch", null, null, null);
        publish(after);
        awaitTrue("the next verdict is recorded", () -> eventCount(job) == 1);
    }

    @Test
    void malformedParametersAreRefusedWithAProblemBody() {
        given().when().get("/audit/jobs/{id}/events", "not-a-uuid").then().statusCode(400)
                .contentType(ContentType.JSON).body("detail", containsString("not a UUID"));
        given().queryParam("after", "x").when().get("/audit/jobs/{id}/events", UUID.randomUUID()).then().statusCode(400)
                .body("detail", containsString("after"));
        given().when().get("/audit/jobs/{id}/summary", UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo(404));
        given().when().get("/audit/jobs/{id}/events", UUID.randomUUID()).then().statusCode(200).body("$", hasSize(0));
    }

    private static void publish(PavuEvent e) {
        KafkaProbe.send(topicOf(e), EventMessages.keyOf(e), EventCodec.write(e));
    }

    private static String topicOf(PavuEvent e) {
        return switch (e) {
            case JobSubmitted ignored -> TestTopics.JOBS;
            case JobConcluded ignored -> TestTopics.JOBS;
            case dev.pavu.contracts.JobCancelled ignored -> TestTopics.JOBS;
            case dev.pavu.contracts.JobExpired ignored -> TestTopics.JOBS;
            case dev.pavu.contracts.ResultBranchDelivered ignored -> TestTopics.JOBS;
            case PlanProposed ignored -> TestTopics.PLANS;
            case CandidatesProposed ignored -> TestTopics.CANDIDATES;
            case DiffProposed ignored -> TestTopics.DIFFS;
            case VerdictIssued ignored -> TestTopics.VERDICTS;
        };
    }

    private static int eventCount(UUID job) {
        return given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        dev.pavu.testsupport.Await.until(what, Duration.ofSeconds(60), condition);
    }
}
