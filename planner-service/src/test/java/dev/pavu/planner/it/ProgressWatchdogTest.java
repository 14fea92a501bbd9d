package dev.pavu.planner.it;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress watchdog: a plan nobody answers is sent again (same event id) after {@code stall-after}, and a job
 * that still times out says which stage it stalled at.
 */
@QuarkusTest
@TestProfile(ProgressWatchdogTest.FastWatchdog.class)
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class ProgressWatchdogTest {

    /** Stalls noticed after 3 s, checked every second. */
    public static class FastWatchdog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pavu.planner.stall-after", "3s", "pavu.planner.timeout-check-every", "1s");
        }
    }

    @Test
    void anUnansweredPlanIsSentAgainAndTheTimeoutNamesTheStalledStage() throws Exception {
        TestRepos.Bundled repo = TestRepos.bundle(TestRepos.STATS_PROJECT);
        String jobId = given().multiPart("bundle", "repo.bundle", repo.bundle(), "application/octet-stream")
                .multiPart("job", "{\"budget\": {\"candidateTimeoutMs\": 1000, \"jobTimeoutMs\": 25000}}", "application/json")
                .when().post("/jobs").then().statusCode(202).extract().path("id");
        // nobody plays the actuator: the baseline plan goes out again, as the same event
        List<ConsumerRecord<String, String>> plans = KafkaProbe.await(TestTopics.PLANS,
                r -> jobId.equals(r.key()) && r.value().contains(EventTypes.PLAN_PROPOSED), 2, Duration.ofSeconds(20));
        assertEquals(2, plans.size(), "the unanswered baseline plan is sent again");
        assertEquals(ceId(plans.get(0)), ceId(plans.get(1)), "with the same event id");
        assertEquals(plans.get(0).value(), plans.get(1).value());
        assertTrue(plans.get(1).timestamp() - plans.get(0).timestamp() >= 2500,
                "not before stall-after: " + (plans.get(1).timestamp() - plans.get(0).timestamp()) + " ms");

        List<ConsumerRecord<String, String>> end = KafkaProbe.await(TestTopics.JOBS,
                r -> jobId.equals(r.key()) && r.value().contains(EventTypes.JOB_CONCLUDED), 1, Duration.ofSeconds(60));
        assertEquals(1, end.size());
        JobConcluded c = EventCodec.read(end.getFirst().value(), JobConcluded.class);
        assertEquals(Outcome.EXHAUSTED, c.outcome());
        assertTrue(c.reason().contains("it stalled at the actuator: no answer to the baseline plan"), c.reason());
    }

    private static String ceId(ConsumerRecord<String, String> r) {
        return new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }
}
