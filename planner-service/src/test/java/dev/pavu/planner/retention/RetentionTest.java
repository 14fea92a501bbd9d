package dev.pavu.planner.retention;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.JobExpired;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.TaskKind;
import dev.pavu.planner.it.FakeUpdater;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /admin/retention/run} on the real database and outbox: keep-last per team leaves other teams' and running
 * jobs alone, drops the expired jobs' bulky columns and announces each with one {@code JobExpired}; a bundle shared by
 * content stays while a kept job of any team uses it; a dry run changes nothing; the configured per-team policy applies
 * without a body. (Authentication is off in module tests; {@code AuthApiTest} checks that a non-admin gets 403.)
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class RetentionTest {

    @Inject
    BundleStore bundles;

    @Inject
    EntityManager em;

    private static String team(String name) {
        return "retain-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID store(String team, boolean running, Duration ago, String bundleSha) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            JobEntity j = new JobEntity();
            j.id = id;
            j.team = team;
            j.state = running ? JobState.REPAIRING : JobState.CONCLUDED;
            j.outcome = running ? null : Outcome.EXHAUSTED;
            j.concludedAt = running ? null : Instant.now().minus(ago);
            j.sourceKind = "bundle";
            j.bundleSha = bundleSha;
            j.taskKind = TaskKind.REPAIR;
            j.taskText = "retention test";
            j.errorLog = "x".repeat(1000);
            j.rankingJson = "[]";
            j.modelsJson = "{}";
            j.maxIterations = 3;
            j.maxCandidates = 200;
            j.candidateTimeoutMs = 20_000;
            j.jobTimeoutMs = 3_600_000;
            j.submittedEventId = UUID.randomUUID();
            j.submittedAt = Instant.now().minus(ago).minusSeconds(60);
            j.persist();
        });
        return id;
    }

    /** A stored bundle of random content whose file was last touched two hours ago (past the grace time). */
    private String bundle() throws Exception {
        byte[] b = new byte[4096];
        new Random().nextBytes(b);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        Path tmp = Files.createTempFile("retention", ".bundle");
        Files.write(tmp, b);
        Path stored = bundles.put(tmp, sha);
        Files.setLastModifiedTime(stored, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        QuarkusTransaction.requiringNew().run(() -> bundles.record(sha, b.length, "c0ffee"));
        return sha;
    }

    private static Response run(String team, String body) {
        return given().contentType(ContentType.JSON).header("X-Pavu-Team", team).body(body).when().post("/admin/retention/run");
    }

    private JobEntity job(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> JobEntity.<JobEntity>findById(id));
    }

    private Instant expiredAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object o = em.createNativeQuery("select expired_at from jobs where id = :id").setParameter("id", id).getSingleResult();
            return o == null ? null : o instanceof java.time.OffsetDateTime t ? t.toInstant() : (Instant) o;
        });
    }

    @SuppressWarnings("unchecked")
    private List<JobExpired> announced(UUID id) {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select payload from outbox where event_type = 'pavu.job.expired.v1' and record_key = :key")
                .setParameter("key", id.toString()).getResultList());
        return payloads.stream().map(p -> (JobExpired) EventCodec.read(p)).toList();
    }

    private boolean bundleRow(String sha) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from source_bundles where sha256 = :sha").setParameter("sha", sha).getSingleResult()).intValue() == 1);
    }

    @Test
    void keepLastPerTeamExpiresOnlyThatTeamsOlderConcludedJobsAndAnnouncesEach() {
        String team = team("keep");
        String other = team("other");
        UUID oldest = store(team, false, Duration.ofHours(5), null);
        UUID older = store(team, false, Duration.ofHours(4), null);
        UUID newest = store(team, false, Duration.ofHours(1), null);
        UUID running = store(team, true, Duration.ofHours(9), null);
        UUID othersOld = store(other, false, Duration.ofHours(8), null);

        Response r = run(team, "{\"keep\": 1}");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(2, r.<Integer>path("jobs"), r.asString());
        assertEquals(List.of(oldest.toString(), older.toString()), r.<List<String>>path("teams[0].jobIds"));
        assertTrue(r.<Number>path("bytes").longValue() >= 2 * 1002, "error logs and rankings count: " + r.asString());

        for (UUID gone : List.of(oldest, older)) {
            assertNotNull(expiredAt(gone));
            JobEntity j = job(gone);
            assertNull(j.errorLog, "the error log is dropped");
            assertNull(j.rankingJson);
            assertEquals("retention test", j.taskText, "the job row and its task stay");
            List<JobExpired> events = announced(gone);
            assertEquals(1, events.size(), "one JobExpired per job");
            assertEquals(team, events.getFirst().team());
            assertTrue(events.getFirst().rule().contains("keep the last 1 concluded jobs of team " + team), events.getFirst().rule());
            assertFalse(events.getFirst().callsBefore().isAfter(job(running).submittedAt),
                    "model calls are dropped only before the team's earliest kept or running job");
        }
        for (UUID kept : List.of(newest, running, othersOld)) {
            assertNull(expiredAt(kept), "kept: " + kept);
            assertEquals("x".repeat(1000), job(kept).errorLog);
            assertEquals(List.of(), announced(kept));
        }
        assertEquals(JobState.REPAIRING, job(running).state, "a running job is never touched");

        assertTrue(r.<String>path("teams[0].gatewayError").startsWith("the model gateway could not be asked"),
                "the test's stand-in gateway has no retention endpoint; the run goes on and says so: " + r.asString());

        Response again = run(team, "{\"keep\": 1}");
        assertEquals(0, again.<Integer>path("jobs"), "a job expires once: " + again.asString());
        assertEquals(1, announced(oldest).size());
    }

    @Test
    void aBundleSharedByContentStaysWhileAKeptJobOfAnyTeamUsesIt() throws Exception {
        String team = team("shared");
        String other = team("user");
        String shared = bundle();
        String own = bundle();
        UUID mine = store(team, false, Duration.ofHours(3), shared);
        UUID mineToo = store(team, false, Duration.ofHours(3), own);
        UUID theirs = store(other, false, Duration.ofHours(2), shared);

        Response r = run(team, "{\"keep\": 0}");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(List.of(own), r.<List<String>>path("teams[0].bundles"), r.asString());
        assertTrue(r.<Number>path("bytes").longValue() >= 4096, r.asString());
        assertTrue(bundleRow(shared) && Files.isRegularFile(bundles.pathOf(shared)), "still used by another team's kept job");
        assertFalse(bundleRow(own) || Files.exists(bundles.pathOf(own)), "used by expired jobs only: deleted");
        assertFalse(announced(mine).getFirst().sourceReleased());
        assertTrue(announced(mineToo).getFirst().sourceReleased());
        assertEquals(own, announced(mineToo).getFirst().bundleSha());

        Response last = run(other, "{\"keep\": 0}");
        assertEquals(List.of(shared), last.<List<String>>path("teams[0].bundles"), last.asString());
        assertFalse(bundleRow(shared) || Files.exists(bundles.pathOf(shared)), "its last user expired: deleted");
        assertTrue(announced(theirs).getFirst().sourceReleased());
    }

    @Test
    void aBundleStoredAgainWithinTheGraceTimeStays() throws Exception {
        String team = team("grace");
        String sha = bundle();
        UUID old = store(team, false, Duration.ofHours(3), sha);
        Path upload = Files.createTempFile("again", ".bundle");
        Files.write(upload, Files.readAllBytes(bundles.pathOf(sha)));
        bundles.put(upload, sha); // a new job uploads the same content; its row does not reference it yet

        Response r = run(team, "{\"keep\": 0}");
        assertEquals(1, r.<Integer>path("jobs"), r.asString());
        assertEquals(List.of(), r.<List<String>>path("teams[0].bundles"));
        assertTrue(Files.isRegularFile(bundles.pathOf(sha)) && bundleRow(sha));
        assertFalse(announced(old).getFirst().sourceReleased());
    }

    @Test
    void aDryRunListsWhatWouldGoAndChangesNothing() throws Exception {
        String team = team("dry");
        String sha = bundle();
        UUID old = store(team, false, Duration.ofDays(10), sha);
        UUID recent = store(team, false, Duration.ofHours(1), null);

        Response r = run(team, "{\"days\": 7, \"dryRun\": true}");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(true, r.path("dryRun"));
        assertEquals(List.of(old.toString()), r.<List<String>>path("teams[0].jobIds"));
        assertEquals(List.of(sha), r.<List<String>>path("teams[0].bundles"));
        assertTrue(r.<Number>path("bytes").longValue() >= 4096 + 1002, r.asString());
        assertNull(expiredAt(old));
        assertEquals(List.of(), announced(old));
        assertTrue(Files.isRegularFile(bundles.pathOf(sha)));

        Response real = run(team, "{\"days\": 7}");
        assertEquals(List.of(old.toString()), real.<List<String>>path("teams[0].jobIds"));
        assertNotNull(expiredAt(old));
        assertNull(expiredAt(recent), "concluded within 7 days: kept");
    }

    @Test
    void withoutABodyTheConfiguredPolicyOfTheTeamApplies() {
        // the test configuration gives team retain-config keep-last=1
        UUID older = store("retain-config", false, Duration.ofMinutes(20), null);
        UUID newer = store("retain-config", false, Duration.ofMinutes(10), null);
        Response r = run("retain-config", "{}");
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.<List<String>>path("teams[0].jobIds").contains(older.toString()), r.asString());
        assertNotNull(expiredAt(older));
        assertNull(expiredAt(newer));
        Response none = run(team("unconfigured"), "{}");
        assertEquals(0, none.<Integer>path("jobs"), "no policy configured for the team: nothing goes");
    }

    @Test
    void aNegativeKeepIsABadRequest() {
        Response r = run(team("bad"), "{\"keep\": -1}");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.asString().contains("keep"), r.asString());
    }
}
