package dev.pavu.planner.it;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner model's exploration call (to the {@link FakeGateway}, told to hold its answer) runs without the job row's
 * lock: while the answer is held, another transaction locks the job row (with a 3 s lock timeout) and the
 * user's cancel completes; after the answer, a job that went on gets its plan, and a job cancelled meanwhile stays
 * cancelled (no plan, one conclusion).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
@QuarkusTestResource(FakeGateway.class)
class ExplorationOutsideLockTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeEach
    void holdTheAnswers() {
        FakeGateway.ARRIVED.drainPermits();
        FakeGateway.RELEASE.drainPermits();
        FakeGateway.hold = true;
    }

    @AfterEach
    void answerAgain() {
        FakeGateway.hold = false;
        FakeGateway.RELEASE.release(10);
    }

    @Test
    void theJobRowIsNotLockedWhileThePlannerModelThinks() throws Exception {
        String id = submit();
        String baselineEvent = failBaseline(id);
        awaitExploration(id);

        long t0 = System.nanoTime();
        // the row lock a verdict's transaction takes; it would time out after 3 s if the exploration held it
        JobState seen = QuarkusTransaction.requiringNew().call(() -> {
            Panache.getEntityManager().createNativeQuery("set local lock_timeout = '3s'").executeUpdate();
            JobEntity job = JobEntity.findById(UUID.fromString(id), LockModeType.PESSIMISTIC_WRITE);
            return job.state;
        });
        long lockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(JobState.BASELINE, seen, "the job waits for its first repair plan while the model thinks");
        assertTrue(lockedMs < 3000, "the job row was locked within " + lockedMs + " ms while the gateway held its answer");
        assertEquals(0, FakeGateway.RELEASE.availablePermits(), "the answer was still held");

        FakeGateway.RELEASE.release();
        PlanProposed plan = planOfIteration1(id, WAIT).orElseThrow(() -> new AssertionError("no plan of iteration 1 for " + id));
        assertEquals(UUID.fromString(baselineEvent), plan.envelope().causationId());
        assertTrue(plan.decision().rationale().contains("Exploration by reasoner:\n" + FakeGateway.EXPLORATION),
                plan.decision().rationale());
        assertEquals(340.0, plan.decision().numbers().get("explorationTokens"));
        given().when().get("/jobs/" + id).then().body("state", equalTo("REPAIRING")).body("iterations", equalTo(1));
    }

    @Test
    void aJobCancelledWhileThePlannerModelThinksStaysCancelled() throws Exception {
        String id = submit();
        failBaseline(id);
        awaitExploration(id);

        long t0 = System.nanoTime();
        given().when().post("/jobs/" + id + "/cancel").then().statusCode(202).body("state", equalTo("CONCLUDED"));
        long cancelMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, FakeGateway.RELEASE.availablePermits(), "the cancel completed while the answer was held");
        assertTrue(cancelMs < 10_000, "cancel took " + cancelMs + " ms");

        FakeGateway.RELEASE.release();
        List<ConsumerRecord<String, String>> concluded = KafkaProbe.await(TestTopics.JOBS,
                rec -> id.equals(rec.key()) && rec.value().contains(EventTypes.JOB_CONCLUDED), 2, Duration.ofSeconds(20));
        assertEquals(1, concluded.size(), "exactly one JobConcluded");
        assertEquals(Outcome.CANCELLED, EventCodec.read(concluded.getFirst().value(), JobConcluded.class).outcome());
        assertTrue(planOfIteration1(id, Duration.ofSeconds(10)).isEmpty(), "the answer that came after the cancel planned nothing");
        given().when().get("/jobs/" + id).then().body("state", equalTo("CONCLUDED")).body("outcome", equalTo("CANCELLED"))
                .body("iterations", equalTo(0));
    }

    // ---------------------------------------------------------------------------------------------

    private static String submit() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        return given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"models\": {\"proposer\": \"coder\", \"planner\": \"reasoner\"}}", "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
    }

    /** Sends a failing verdict for the job's baseline plan; returns the verdict's event id. */
    private static String failBaseline(String id) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(TestTopics.PLANS,
                rec -> id.equals(rec.key()) && rec.value().contains(EventTypes.PLAN_PROPOSED), 1, WAIT);
        assertEquals(1, found.size(), "the baseline plan of " + id);
        PlanProposed baseline = EventCodec.read(found.getFirst().value(), PlanProposed.class);
        TestFailure f = new TestFailure("com.acme.stats.StatsTest#median", "com.acme.stats.StatsTest", "median", "failure",
                "expected: <2.5> but was: <1.6666666666666667>",
                "org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.6666666666666667>\n"
                        + "\tat com.acme.stats.StatsTest.median(StatsTest.java:16)\n");
        VerdictIssued v = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.fromString(id), 0, baseline.eventId(),
                "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL, "1 of 2 tests failed",
                List.of(new GateResult("static", Verdict.PASS, 800, "compiled"),
                        new GateResult("tests", Verdict.FAIL, 1500, "1 of 2 tests failed")), List.of(f), 2, 1, 2300, "",
                "empty-patch", null, null, List.of());
        KafkaProbe.send(TestTopics.VERDICTS, id, EventCodec.write(v));
        return v.eventId().toString();
    }

    private static void awaitExploration(String id) throws InterruptedException {
        if (!FakeGateway.ARRIVED.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the exploration call did not reach the gateway; plan: " + planOfIteration1(id, Duration.ofSeconds(1))
                    .map(p -> p.decision().rationale() + " " + p.decision().numbers()).orElse("none"));
        }
    }

    private static java.util.Optional<PlanProposed> planOfIteration1(String id, Duration wait) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(TestTopics.PLANS,
                rec -> id.equals(rec.key()) && rec.value().contains(EventTypes.PLAN_PROPOSED)
                        && EventCodec.read(rec.value()).envelope().iteration() == 1, 1, wait);
        return found.stream().findFirst().map(r -> EventCodec.read(r.value(), PlanProposed.class));
    }
}
