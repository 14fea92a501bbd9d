package dev.pavu.planner.it;

import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.pavu.planner.it.FlowEvents.one;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strategy step in the running planner against a stand-in gateway ({@link FakeGateway}): a generation job
 * without a usable model fails at once naming the setting; a repair job with models gets the cost model's
 * decision with its numbers and the planner model's exploration; an unknown alias leaves a repair job on
 * templates; a generation job with a model gets a GENERATE plan.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
@QuarkusTestResource(FakeGateway.class)
class LlmStrategyTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aGenerationJobWithoutAModelFailsAtOnceNamingTheMissingSetting() throws Exception {
        String id = submit("{\"kind\": \"IMPLEMENT\", \"task\": \"implement median\"}");
        JobConcluded c = one(TestTopics.JOBS, id, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().startsWith("task kind IMPLEMENT needs a language model: give models.proposer (e.g. \"coder\")")
                && c.reason().contains("pavu.gateway.models-file"), c.reason());
        given().when().get("/jobs/" + id).then().body("outcome", equalTo("FAILED")).body("iterations", equalTo(0));

        String unknown = submit("{\"kind\": \"IMPLEMENT\", \"models\": {\"proposer\": \"gpt-nothing\"}}");
        c = one(TestTopics.JOBS, unknown, EventTypes.JOB_CONCLUDED, JobConcluded.class);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().contains("does not know models.proposer \"gpt-nothing\" (it serves: coder, reasoner)"), c.reason());
    }

    @Test
    void aRepairJobWithModelsRecordsTheCostModelsNumbersAndThePlannersExploration() throws Exception {
        String id = submit("{\"models\": {\"proposer\": \"coder\", \"planner\": \"reasoner\"}}");
        PlanProposed plan = afterFailingBaseline(id);
        Decision d = plan.decision();
        Map<String, Double> n = d.numbers();
        for (String k : List.of("failingTests", "topScore", "scoreMargin", "methodLines", "capability", "pastRepairRate",
                "pastRegenerateRate", "logitRepair", "logitRegenerate", "pRepair", "pRegenerate", "expectedCostRepair",
                "expectedCostRegenerate", "iteration", "locations", "maxCandidates")) {
            assertTrue(n.containsKey(k), k + " in " + n);
        }
        assertEquals(1.0, n.get("failingTests"));
        assertEquals(0.8, n.get("capability"), "the gateway's capability of coder");
        assertEquals(1.0, n.get("methodFromSource"), "the suspicious method was read: " + n);
        assertEquals(0.0, n.get("pastFromUpdater"), "the fake updater has no statistics: priors");
        assertEquals(340.0, n.get("explorationTokens"));
        boolean cheaperToRegenerate = n.get("expectedCostRegenerate") < n.get("expectedCostRepair");
        assertEquals(cheaperToRegenerate ? "regenerate" : "repair", d.strategy(), n.toString());
        assertEquals(cheaperToRegenerate ? PlanKind.GENERATE : PlanKind.REPAIR, plan.kind());
        assertTrue(d.rationale().contains("expected cost of repairing"), d.rationale());
        assertTrue(d.rationale().contains("Exploration by reasoner:\n" + FakeGateway.EXPLORATION), d.rationale());
        assertEquals(Map.of("proposer", "coder", "planner", "reasoner"), plan.task().models());
        assertTrue(FakeGateway.CHATS.stream().anyMatch(c -> c.contains("\"model\":\"reasoner\"") && c.contains("median")),
                "the exploration prompt holds the suspicious method");
        assertEquals("default", plan.task().team(), "the plan's task names the job's team");
        assertEquals(5, plan.task().priority(), "and its priority (the default)");
        assertTrue(!FakeGateway.TEAMS.isEmpty() && FakeGateway.TEAMS.stream().allMatch("default"::equals),
                "the exploration call names the job's team as the gateway tenant: " + FakeGateway.TEAMS);
    }

    @Test
    void aRepairJobWhoseProposerTheGatewayDoesNotKnowRepairsOnTemplatesAlone() throws Exception {
        String id = submit("{\"models\": {\"proposer\": \"nobody\"}}");
        PlanProposed plan = afterFailingBaseline(id);
        assertEquals(PlanKind.REPAIR, plan.kind());
        assertEquals("repair", plan.decision().strategy());
        assertEquals(Map.of(), plan.task().models(), "the actuator is not asked to use an alias the gateway lacks");
        assertEquals(0.0, plan.decision().numbers().get("modelAvailable"));
        assertFalse(plan.decision().numbers().containsKey("expectedCostRegenerate"));
        assertTrue(plan.decision().rationale().contains("models.proposer \"nobody\" is not used: the gateway does not know the alias"),
                plan.decision().rationale());
    }

    @Test
    void aGenerationJobWithAModelGetsAGeneratePlan() throws Exception {
        String id = submit("{\"kind\": \"IMPLEMENT\", \"models\": {\"proposer\": \"coder\"}}");
        PlanProposed plan = afterFailingBaseline(id);
        assertEquals(PlanKind.GENERATE, plan.kind());
        assertEquals("regenerate", plan.decision().strategy());
        assertTrue(plan.decision().rationale().startsWith("regenerate median (src/main/java/com/acme/stats/Stats.java lines "),
                plan.decision().rationale());
        assertTrue(plan.decision().rationale().contains("(the task asks for generation)"), plan.decision().rationale());
    }

    // ---------------------------------------------------------------------------------------------

    private static String submit(String job) throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        return given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", job, "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
    }

    private static PlanProposed afterFailingBaseline(String id) {
        PlanProposed baseline = one(TestTopics.PLANS, id, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        TestFailure f = new TestFailure("com.acme.stats.StatsTest#median", "com.acme.stats.StatsTest", "median", "failure",
                "expected: <2.5> but was: <1.6666666666666667>",
                "org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.6666666666666667>\n"
                        + "\tat com.acme.stats.StatsTest.median(StatsTest.java:16)\n");
        KafkaProbe.send(TestTopics.VERDICTS, id, EventCodec.write(new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED,
                UUID.fromString(id), 0, baseline.eventId(), "verifier-service"), UUID.randomUUID(), baseline.planId(), Verdict.FAIL,
                "1 of 2 tests failed", List.of(new GateResult("static", Verdict.PASS, 800, "compiled"),
                new GateResult("tests", Verdict.FAIL, 1500, "1 of 2 tests failed")), List.of(f), 2, 1, 2300, "", "empty-patch",
                null, null, List.of())));
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(TestTopics.PLANS,
                rec -> id.equals(rec.key()) && rec.value().contains(EventTypes.PLAN_PROPOSED)
                        && EventCodec.read(rec.value()).envelope().iteration() == 1, 1, WAIT);
        assertEquals(1, found.size(), "a plan of iteration 1 for job " + id);
        return EventCodec.read(found.getFirst().value(), PlanProposed.class);
    }

}
