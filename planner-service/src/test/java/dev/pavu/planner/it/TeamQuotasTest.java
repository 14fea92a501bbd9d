package dev.pavu.planner.it;

import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.TaskKind;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Team quotas at submission ({@code pavu.quotas}; the test configuration gives team {@code quota-tight} 1 running job
 * and 10 candidates per day): a team at a quota gets 429 with a problem body and {@code Retry-After}; another team is
 * not affected; the team submits again once its job ended.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class TeamQuotasTest {

    private static final String BODY = "{\"source\": {\"gitUrl\": \"http://localhost:9/nothing.git\"}, \"task\": \"x\"}";

    private static Response submit(String team) {
        return given().contentType(ContentType.JSON).header("X-Pavu-Team", team).body(BODY).when().post("/jobs");
    }

    private static UUID store(String team, int candidatesProposed, boolean running) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            JobEntity j = new JobEntity();
            j.id = id;
            j.team = team;
            j.state = running ? JobState.REPAIRING : JobState.CONCLUDED;
            j.outcome = running ? null : Outcome.EXHAUSTED;
            j.concludedAt = running ? null : Instant.now();
            j.sourceKind = "bundle";
            j.taskKind = TaskKind.REPAIR;
            j.taskText = "quota test";
            j.modelsJson = "{}";
            j.maxIterations = 3;
            j.maxCandidates = 200;
            j.candidateTimeoutMs = 20_000;
            j.jobTimeoutMs = 3_600_000;
            j.candidatesProposed = candidatesProposed;
            j.submittedEventId = UUID.randomUUID();
            j.submittedAt = Instant.now();
            j.persist();
        });
        return id;
    }

    private static void conclude(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            JobEntity j = JobEntity.findById(id);
            j.state = JobState.CONCLUDED;
            j.outcome = Outcome.CANCELLED;
            j.concludedAt = Instant.now();
        });
    }

    /** The database outlives a test run: earlier runs' jobs of these teams are ended and moved out of the 24 h window. */
    @BeforeEach
    void forgetEarlierRuns() {
        QuarkusTransaction.requiringNew().run(() -> JobEntity.update("state = ?1, concludedAt = coalesce(concludedAt, ?2), "
                + "submittedAt = ?3 where team in ('quota-tight', 'quota-spent', 'quota-other')",
                JobState.CONCLUDED, Instant.now(), Instant.now().minus(Duration.ofDays(2))));
    }

    @Test
    void aTeamWithAJobRunningAtItsQuotaGets429UntilTheJobEnds() {
        String team = "quota-tight";
        UUID running = store(team, 2, true);
        try {
            Response refused = submit(team);
            assertEquals(429, refused.statusCode(), refused.asString());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertEquals("urn:pavu:problem:quota-exceeded", refused.path("type"));
            String detail = refused.path("detail");
            assertTrue(detail.contains("team quota-tight has 1 job(s) running and may have 1 at once"), detail);
            assertTrue(detail.contains("pavu.quotas.teams.\"quota-tight\".concurrent-jobs"), detail);
            assertEquals("30", refused.header("Retry-After"));

            assertEquals(202, submit("quota-other").statusCode(), "another team is not held by quota-tight's quota");
        } finally {
            conclude(running);
        }
        assertEquals(202, submit(team).statusCode(), "once the job ended the team submits again");
    }

    @Test
    void aTeamWhoseJobsProposedItsDailyCandidatesGets429WithWhenToRetry() {
        String team = "quota-spent";
        // quota-spent has the default concurrent-jobs and, through the test configuration, 10 candidates a day
        store(team, 6, false);
        assertEquals(202, submit(team).statusCode(), "6 of 10 candidates used: accepted");
        store(team, 5, false);
        Response refused = submit(team);
        assertEquals(429, refused.statusCode(), refused.asString());
        String detail = refused.path("detail");
        assertTrue(detail.contains("proposed 11 candidate patches in the last 24 hours, its quota is 10"), detail);
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry > 23 * 3600 && retry <= 24 * 3600, "retry when the oldest of today's jobs leaves the window: " + retry);
    }
}
