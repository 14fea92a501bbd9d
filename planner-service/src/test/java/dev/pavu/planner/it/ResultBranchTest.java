package dev.pavu.planner.it;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.ResultBranchDelivered;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.delivery.ResultBranchPusher;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.workspace.testing.GitHttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.pavu.planner.it.FlowEvents.one;
import static dev.pavu.planner.it.FlowEvents.plan;
import static dev.pavu.planner.it.FlowEvents.sendCandidates;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Result branches end to end in the planner: a git-URL job submitted with {@code resultBranch}, played to SUCCEEDED
 * through Kafka, has its fix pushed to a real git server ({@code git http-backend} over HTTP, basic auth) with the
 * operator's credential from a file; the outcome shows in {@code GET /jobs/{id}} and the secret nowhere.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class ResultBranchTest {

    /** The test profile's credentials read their secrets from here (application.properties, %test.pavu.git.*). */
    static final Path SECRETS = Path.of(System.getProperty("java.io.tmpdir"), "pavu-planner-test-git");
    static final String SECRET = "ghp_result-branch-secret-4711";
    static final String FIX = "--- a/src/main/java/com/acme/stats/Stats.java\n+++ b/src/main/java/com/acme/stats/Stats.java\n"
            + "@@ -27 +27 @@\n-        return (sorted[mid - 1] + sorted[mid]) / 3;\n+        return (sorted[mid - 1] + sorted[mid]) / 2;\n";

    static GitHttpServer server;
    static Path bare;
    static final List<String> LOGS = Collections.synchronizedList(new ArrayList<>());
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringWriter text = new StringWriter();
            text.append(r.getLoggerName()).append(' ').append(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    text.append(' ').append(String.valueOf(p));
                }
            }
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(text));
            }
            LOGS.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    ResultBranchPusher pusher;
    @Inject
    EntityManager em;

    @BeforeAll
    static void serve() throws Exception {
        Files.createDirectories(SECRETS);
        Files.writeString(SECRETS.resolve("test-bot"), SECRET + "\n");
        Files.writeString(SECRETS.resolve("wrong-bot"), "not-the-password\n");
        Path root = Files.createTempDirectory("pavu-git-server");
        server = new GitHttpServer(root, "bot", SECRET);
        Path work = Files.createTempDirectory("pavu-stats-work");
        try (Git ignored = TestRepos.init(work, TestRepos.STATS_PROJECT)) {
            bare = server.publish("stats.git", work);
        }
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CAPTURE);
        server.close();
    }

    @Test
    void theFixIsPushedAsABranchOnceTheJobSucceedsAndPushingAgainChangesNothing() throws Exception {
        String jobId = submit("fix-median", "test-bot");
        given().when().get("/jobs/" + jobId).then().statusCode(200)
                .body("resultBranch.name", equalTo("pavu/fix-median"))
                .body("resultBranch.credential", equalTo("test-bot"))
                .body("resultBranch.state", equalTo("REQUESTED"));
        String base = repair(jobId);

        JsonPath view = awaitBranch(jobId, "PUSHED");
        String commit = view.getString("resultBranch.commit");
        ResultBranchDelivered announced = one(TestTopics.JOBS, jobId, EventTypes.RESULT_BRANCH_DELIVERED,
                ResultBranchDelivered.class);
        assertEquals(List.of("PUSHED", "pavu/fix-median", commit), List.of(announced.state(), announced.branch(),
                announced.commit()), "the audit trail hears of the push");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build(); RevWalk walk = new RevWalk(repo)) {
            RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/pavu/fix-median"));
            assertEquals(commit, pushed.name());
            assertEquals(base, pushed.getParent(0).name(), "the branch starts at the job's base commit");
            String stats = read(repo, pushed, "src/main/java/com/acme/stats/Stats.java");
            String before = TestRepos.STATS_PROJECT.get("src/main/java/com/acme/stats/Stats.java");
            assertEquals(before.replace("/ 3;", "/ 2;"), stats, "base + patch, nothing else");
            assertEquals(TestRepos.STATS_PROJECT.get("pom.xml"), read(repo, pushed, "pom.xml"));
            String message = pushed.getFullMessage();
            assertTrue(message.startsWith("Fix: make the failing tests pass\n"), message);
            assertTrue(message.contains("Verified patch from Pavu job " + jobId + "."), message);
            assertTrue(message.contains("(test-pattern)"), "names the pattern: " + message);
            assertTrue(message.contains("  - com.acme.stats.StatsTest#median\n"), "names the tests now passing: " + message);
            assertTrue(message.endsWith("Pavu-Job: " + jobId + "\n"), message);
            assertEquals("Pavu", pushed.getAuthorIdent().getName());
            assertFalse(message.contains(SECRET));
        }

        // a crash after the push, before its outcome was recorded: the row is due again, the branch already holds it
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update result_branches set state = 'REQUESTED', "
                + "commit_id = null where job_id = :id").setParameter("id", UUID.fromString(jobId)).executeUpdate());
        JsonPath again = awaitBranch(jobId, "PUSHED");
        assertEquals(commit, again.getString("resultBranch.commit"), "the same job makes the same commit");
        assertTrue(pusher.deliver(UUID.fromString(jobId)).isEmpty(), "a PUSHED branch is never pushed again");
        given().when().get("/jobs/" + jobId).then().body("outcome", equalTo("SUCCEEDED"));
        assertSecretNowhere(jobId);
    }

    @Test
    void aRefusedCredentialIsRecordedAsTheBranchsFailureAndTheJobStillSucceeded() throws Exception {
        String jobId = submit("fix-wrong", "wrong-bot");
        repair(jobId);
        JsonPath view = awaitBranch(jobId, "FAILED");
        assertEquals("SUCCEEDED", view.getString("outcome"));
        ResultBranchDelivered announced = one(TestTopics.JOBS, jobId, EventTypes.RESULT_BRANCH_DELIVERED,
                ResultBranchDelivered.class);
        assertEquals("FAILED", announced.state());
        assertEquals(view.getString("resultBranch.reason"), announced.reason());
        assertFalse(announced.reason().contains(SECRET));
        assertTrue(view.getString("resultBranch.reason").startsWith("the server refused the credential for "
                + server.url("stats.git")), view.getString("resultBranch.reason"));
        assertNull(view.getString("resultBranch.commit"));
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
            assertNull(repo.resolve("refs/heads/pavu/fix-wrong"));
        }
        assertSecretNowhere(jobId);
    }

    @Test
    void aJobThatDidNotSucceedPushesNothing() throws Exception {
        String jobId = submit("fix-nothing", "test-bot");
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        given().when().post("/jobs/" + jobId + "/cancel").then().statusCode(202);
        JsonPath view = awaitBranch(jobId, "SKIPPED");
        assertEquals("the job concluded CANCELLED: there is no fix to push", view.getString("resultBranch.reason"));
        assertTrue(baseline.source().commit() != null);
    }

    @Test
    void anotherTeamsCredentialIsRefusedAtSubmissionLikeAnUnknownOne() {
        String other = post(body("fix-x", "team-a-bot")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("resultBranch.credential"))
                .extract().path("errors.find { it.field == 'resultBranch.credential' }.message");
        String unknown = post(body("fix-x", "no-such-bot")).then().statusCode(400)
                .extract().path("errors.find { it.field == 'resultBranch.credential' }.message");
        assertEquals("no such credential 'team-a-bot'; your team may use [test-bot, wrong-bot]", other);
        assertEquals(other.replace("team-a-bot", "no-such-bot"), unknown, "the same answer for another team's credential");
    }

    @Test
    void protectedOrInvalidBranchNamesAndBundleJobsAreRefused() throws Exception {
        for (String name : List.of("main", "refs/tags/v1", "a..b", "fix median")) {
            post(body(name, "test-bot")).then().statusCode(400)
                    .body("errors.field", hasItem("resultBranch.name"));
        }
        post(body("fix-own", "test-bot").replace("\"ref\": \"main\"", "\"ref\": \"pavu/fix-own\""))
                .then().statusCode(400).body("detail", containsString("is the job's own ref"));
        TestRepos.Bundled bundle = TestRepos.bundle(TestRepos.STATS_PROJECT);
        given().multiPart("bundle", "repo.bundle", bundle.bundle(), "application/octet-stream")
                .multiPart("job", "{\"resultBranch\": {\"name\": \"fix\", \"credential\": \"test-bot\"}}", "application/json")
                .when().post("/jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("resultBranch"))
                .body("detail", containsString("only a job submitted with source.gitUrl can have a result branch"));
    }

    // ---------------------------------------------------------------------------------------------

    private static String body(String name, String credential) {
        return "{\"source\": {\"gitUrl\": \"" + server.url("stats.git") + "\", \"ref\": \"main\"}, \"task\": \"make the "
                + "failing tests pass\", \"resultBranch\": {\"name\": \"" + name + "\", \"credential\": \"" + credential + "\"}}";
    }

    private static io.restassured.response.Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/jobs");
    }

    private static String submit(String name, String credential) {
        return post(body(name, credential)).then().statusCode(202).extract().path("id");
    }

    /** Plays the verifier and actuator: a failing baseline, one repair plan, one passing candidate with {@link #FIX}. */
    private static String repair(String jobId) {
        PlanProposed baseline = one(TestTopics.PLANS, jobId, EventTypes.PLAN_PROPOSED, PlanProposed.class);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(JobFlowTest.failingBaseline(jobId, baseline)));
        PlanProposed repair = plan(jobId, 1);
        sendCandidates(jobId, repair, 1);
        KafkaProbe.send(TestTopics.VERDICTS, jobId, EventCodec.write(JobFlowTest.verdict(jobId, repair, Verdict.PASS,
                List.of(), 2, FIX)));
        assertEquals(Outcome.SUCCEEDED, one(TestTopics.JOBS, jobId, EventTypes.JOB_CONCLUDED, JobConcluded.class).outcome());
        return baseline.source().commit();
    }

    private static JsonPath awaitBranch(String jobId, String state) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath view;
        do {
            view = given().when().get("/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            if (state.equals(view.getString("resultBranch.state"))) {
                return view;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(end));
        throw new AssertionError("result branch of job " + jobId + " never became " + state + ": " + view.prettify());
    }

    private static void assertSecretNowhere(String jobId) {
        given().when().get("/jobs/" + jobId).then().body(not(containsString(SECRET)));
        given().when().get("/jobs?limit=200").then().body(not(containsString(SECRET)));
        given().when().get("/jobs/" + jobId + "/report").then().body(not(containsString(SECRET)));
        synchronized (LOGS) {
            assertTrue(LOGS.stream().anyMatch(l -> l.contains(jobId)), "the log was captured");
            assertTrue(LOGS.stream().noneMatch(l -> l.contains(SECRET)), "the secret is in the log");
        }
    }

    private static String read(Repository repo, RevCommit c, String path) throws Exception {
        try (TreeWalk w = TreeWalk.forPath(repo, path, c.getTree())) {
            return new String(repo.open(w.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
