package dev.pavu.updater;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import dev.pavu.testsupport.PavuStackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Lesson cards against the real broker and database: a concluded job's events become one card (written with the
 * conclusion, once), embedded with all-MiniLM-L6-v2; similar failures rank first; cards stay within their team; a
 * hostile failure message gives a bounded, clean card. Each test uses a team of its own, so that cards of other tests
 * and earlier runs (the test schema persists) never enter its rankings.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
class LessonCardsTest {

    private static final String TEAM_HEADER = "X-Pavu-Team";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSimilarFailureRanksFirstWithAHigherScore() {
        String team = team();
        LessonJobs mean = conclude(LessonJobs.job(team, assertion("com.acme.StatsTest", "mean", "3.5", "3.0"),
                at("com.acme.Stats", "mean", 17), List.of("off-by-one", "relational-operator-replacement"),
                Outcome.SUCCEEDED, "candidate 1 made every test pass"));
        LessonJobs sameShape = conclude(LessonJobs.job(team, assertion("com.acme.StatsTest", "mean", "1207.25", "1196"),
                at("com.acme.Stats", "mean", 23), List.of("off-by-one"), Outcome.EXHAUSTED, "budget spent"));
        LessonJobs other = conclude(LessonJobs.job(team, npe(), at("com.acme.io.CsvReader", "readRow", 88),
                List.of("null-check-insertion"), Outcome.SUCCEEDED, "candidate 0 made every test pass"));

        JsonPath card = given().header(TEAM_HEADER, team).get("/lessons/{id}", mean.jobId()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("org.opentest4j.AssertionFailedError", card.getString("signature.exception"));
        assertEquals("expected: <<num>> but was: <<num>>", card.getString("signature.messageShape"));
        assertEquals(List.of("com.acme.StatsTest#mean"), card.getList("signature.failingTests"));
        assertEquals(List.of("com.acme.Stats.mean (src/main/java/com/acme/Stats.java:17)"),
                card.getList("signature.suspicious"));
        assertEquals(2, card.getInt("tried.candidates"));
        assertEquals(1, card.getInt("tried.patterns.off-by-one"));
        assertEquals(1, card.getInt("tried.verdicts.PASS"));
        assertEquals(1, card.getInt("tried.verdicts.FAIL"));
        assertEquals("coder", card.getString("tried.models.proposer"));
        assertEquals("relational-operator-replacement", card.getString("fix.pattern"));
        assertTrue(card.getString("fix.diff").contains("+        new1"), card.getString("fix.diff"));
        assertEquals(team, card.getString("team"));

        JsonPath near = given().header(TEAM_HEADER, team).queryParam("jobId", mean.jobId().toString())
                .get("/lessons/similar").then().statusCode(200).body("$", hasSize(2)).extract().jsonPath();
        assertEquals(sameShape.jobId().toString(), near.getString("[0].jobId"), near.prettify());
        assertEquals(other.jobId().toString(), near.getString("[1].jobId"));
        double similar = near.getDouble("[0].score");
        double different = near.getDouble("[1].score");
        assertTrue(similar > different + 0.1, "same shape " + similar + " vs other failure " + different);
        assertTrue(similar <= 1.0 && different >= -1.0);
        assertEquals("EXHAUSTED", near.getString("[0].card.outcome"));

        // a failure in words: the NPE's card first, limit 1
        JsonPath byText = given().header(TEAM_HEADER, team)
                .queryParam("text", "java.lang.NullPointerException: Cannot invoke String.length() because line is null "
                        + "in CsvReaderTest#readsEmptyRow")
                .queryParam("limit", 1).get("/lessons/similar").then().statusCode(200).body("$", hasSize(1))
                .extract().jsonPath();
        assertEquals(other.jobId().toString(), byText.getString("[0].jobId"));
    }

    @Test
    void aRedeliveredOrRepeatedConclusionWritesNoSecondCard() throws SQLException {
        String team = team();
        LessonJobs job = conclude(LessonJobs.job(team, assertion("com.acme.MathTest", "gcd", "6", "3"),
                at("com.acme.MathUtil", "gcd", 9), List.of("swap-arguments"), Outcome.SUCCEEDED, "fixed"));
        String first = given().get("/lessons/{id}", job.jobId()).then().statusCode(200).extract().asString();
        // the same record again (same event id), then another conclusion of the job (a new event id, another outcome)
        LessonJobs.publish(job.concluded());
        JobConcluded again = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job.jobId(), 2, null,
                "planner-service"), Outcome.FAILED, "concluded twice", null, null, 0, 1);
        LessonJobs.publish(again);
        int expected = job.history().size() + 2;
        awaitTrue("the second conclusion in the log", () -> eventCount(job.jobId()) == expected);
        assertEquals(1, cards(job.jobId()));
        given().get("/lessons/{id}", job.jobId()).then().statusCode(200).body(equalTo(first));
    }

    @Test
    void aVerdictThatArrivesAfterTheConclusionRebuildsTheCard() {
        String team = team();
        LessonJobs job = LessonJobs.job(team, assertion("com.acme.QueueTest", "drains", "0", "2"),
                at("com.acme.Queue", "drain", 31), List.of("loop-bound", "off-by-one"), Outcome.SUCCEEDED, "fixed");
        List<dev.pavu.contracts.PavuEvent> early = job.history().subList(0, job.history().size() - 1);
        early.forEach(LessonJobs::publish);
        awaitTrue("the early history of " + job.jobId(), () -> eventCount(job.jobId()) == early.size());
        LessonJobs.publish(job.concluded());
        awaitTrue("the lesson card of " + job.jobId(),
                () -> given().get("/lessons/{id}", job.jobId()).then().extract().statusCode() == 200);
        given().get("/lessons/{id}", job.jobId()).then().body("tried.verdicts.PASS", equalTo(null));
        LessonJobs.publish(job.history().getLast()); // the winning verdict, late
        awaitTrue("the card with the late PASS verdict", () -> Integer.valueOf(1).equals(
                given().get("/lessons/{id}", job.jobId()).then().extract().jsonPath().get("tried.verdicts.PASS")));
    }

    @Test
    void aCardOfAJobNothingFixedSaysWhy() {
        String team = team();
        LessonJobs job = conclude(LessonJobs.job(team, assertion("com.acme.DateTest", "parsesLeapDay", "29", "1"),
                at("com.acme.Dates", "parse", 40), List.of("off-by-one", "boundary-shift", "off-by-one"),
                Outcome.EXHAUSTED, "the budget of 3 candidates was spent; none made DateTest#parsesLeapDay pass"));
        JsonPath card = given().header(TEAM_HEADER, team).get("/lessons/{id}", job.jobId()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("EXHAUSTED", card.getString("outcome"));
        assertNull(card.get("fix"));
        assertEquals(2, card.getInt("tried.patterns.off-by-one"));
        assertEquals(3, card.getInt("tried.verdicts.FAIL"));
        assertTrue(card.getString("text").contains("Not fixed (EXHAUSTED): the budget of 3 candidates was spent; "
                + "none made DateTest#parsesLeapDay pass"), card.getString("text"));
        assertTrue(card.getString("text").contains("Tried: 3 candidates in 1 iterations; patterns off-by-one 2, "
                + "boundary-shift 1"), card.getString("text"));
    }

    @Test
    void aHostileFailureMessageGivesABoundedCleanCard() {
        String team = team();
        String hostile = "expected: <1> but was: <2>\u001b[31m\u0007\r\n\u202e\u0001" + "A\u0008".repeat(60_000);
        TestFailure failure = new TestFailure("com.acme.EvilTest#boom\u001b[2J", "com.acme.EvilTest", "boom",
                "failure", hostile, "org.opentest4j.AssertionFailedError: " + hostile + "\n\tat com.acme.EvilTest.boom(EvilTest.java:3)");
        LessonJobs job = conclude(LessonJobs.job(team, failure, at("com.acme.Evil", "boom", 3), List.of("p"),
                Outcome.EXHAUSTED, "nothing passed\u0007\u001b[0m " + "x".repeat(50_000)));
        JsonPath card = given().header(TEAM_HEADER, team).get("/lessons/{id}", job.jobId()).then().statusCode(200)
                .extract().jsonPath();
        String text = card.getString("text");
        assertTrue(text.length() <= 4000, "card text of " + text.length() + " chars");
        assertTrue(card.getString("signature.messageShape").length() <= 300);
        assertTrue(card.getString("reason").length() <= 300);
        assertTrue(card.getString("signature.messageShape").startsWith("expected: <<num>> but was: <<num>>"),
                card.getString("signature.messageShape"));
        assertEquals("com.acme.EvilTest#boom [2J", card.getString("signature.failingTests[0]"));
        assertFalse(text.chars().anyMatch(ch -> ch != '\n' && (Character.isISOControl(ch)
                || Character.getType(ch) == Character.FORMAT)), "no control or format characters in the card text");
        given().header(TEAM_HEADER, team).queryParam("jobId", job.jobId().toString()).get("/lessons/similar")
                .then().statusCode(200).body("$", hasSize(0));
        given().header(TEAM_HEADER, team).queryParam("text", hostile.substring(0, 1_000)).get("/lessons/similar")
                .then().statusCode(200).body("[0].jobId", equalTo(job.jobId().toString()));
    }

    @Test
    void anotherTeamSeesNoCard() {
        String mine = team();
        String theirs = team();
        LessonJobs job = conclude(LessonJobs.job(mine, assertion("com.acme.TaxTest", "rounds", "0.07", "0.06"),
                at("com.acme.Tax", "round", 12), List.of("rounding-mode"), Outcome.SUCCEEDED, "fixed"));
        given().header(TEAM_HEADER, mine).get("/lessons/{id}", job.jobId()).then().statusCode(200);
        given().header(TEAM_HEADER, theirs).get("/lessons/{id}", job.jobId()).then().statusCode(404)
                .body("status", equalTo(404)).body("detail", containsString("no lesson card for job " + job.jobId()));
        given().header(TEAM_HEADER, theirs).queryParam("jobId", job.jobId().toString()).get("/lessons/similar")
                .then().statusCode(404);
        given().header(TEAM_HEADER, theirs).queryParam("text", "AssertionFailedError TaxTest#rounds")
                .get("/lessons/similar").then().statusCode(200).body("$", hasSize(0));
        given().header(TEAM_HEADER, mine).queryParam("text", "AssertionFailedError TaxTest#rounds")
                .get("/lessons/similar").then().statusCode(200).body("[0].jobId", equalTo(job.jobId().toString()));
    }

    @Test
    void badQueriesAnswer400WithAProblem() {
        given().get("/lessons/similar").then().statusCode(400).body("status", equalTo(400))
                .body("title", equalTo("Bad Request")).body("detail", containsString("exactly one of jobId"));
        given().queryParam("jobId", UUID.randomUUID().toString()).queryParam("text", "x").get("/lessons/similar")
                .then().statusCode(400).body("detail", containsString("exactly one of jobId"));
        given().queryParam("text", "x").queryParam("limit", 0).get("/lessons/similar").then().statusCode(400)
                .body("status", equalTo(400)).body("detail", containsString("limit must be at least 1"));
        given().queryParam("text", "x").queryParam("limit", 51).get("/lessons/similar").then().statusCode(400)
                .body("detail", containsString("limit must be at most 50"));
        given().queryParam("text", "x").queryParam("limit", "many").get("/lessons/similar").then().statusCode(400)
                .body("detail", containsString("limit must be a whole number between 1 and 50"));
        given().queryParam("text", "y".repeat(2_001)).get("/lessons/similar").then().statusCode(400)
                .body("detail", containsString("text must be at most 2000 characters"));
        given().queryParam("jobId", "not-a-uuid").get("/lessons/similar").then().statusCode(400)
                .body("detail", containsString("is not a UUID"));
        given().get("/lessons/{id}", UUID.randomUUID()).then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void aCardLeftWithoutItsVectorIsEmbeddedByTheSweep() throws SQLException {
        String team = team();
        LessonJobs job = conclude(LessonJobs.job(team, assertion("com.acme.ListTest", "size", "2", "1"),
                at("com.acme.Lists", "size", 5), List.of("off-by-one"), Outcome.EXHAUSTED, "budget spent"));
        String before = vector(job.jobId());
        // a crash between the conclusion's commit and the embedding that follows it leaves the card pending
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update lesson_cards set embedding = null where job_id = ?")) {
            ps.setObject(1, job.jobId());
            assertEquals(1, ps.executeUpdate());
        }
        // the sweep (every 2 s in tests) embeds it again: the same text gives the same vector
        awaitTrue("the sweep to embed the card of " + job.jobId(), () -> vector(job.jobId()) != null);
        assertEquals(before, vector(job.jobId()));
        given().header(TEAM_HEADER, team).queryParam("text", "expected: <2> but was: <1>").get("/lessons/similar")
                .then().statusCode(200).body("[0].jobId", equalTo(job.jobId().toString()));
    }

    /**
     * Publishes a job's history, waits until the log holds it, then concludes it and waits for its card and the card's
     * vector (computed after the conclusion commits).
     */
    private LessonJobs conclude(LessonJobs job) {
        job.publishHistory();
        awaitTrue("the history of " + job.jobId(), () -> eventCount(job.jobId()) == job.history().size());
        LessonJobs.publish(job.concluded());
        awaitTrue("the lesson card of " + job.jobId(),
                () -> given().get("/lessons/{id}", job.jobId()).then().extract().statusCode() == 200);
        awaitTrue("the vector of the lesson card of " + job.jobId(), () -> vector(job.jobId()) != null);
        return job;
    }

    /** The card's vector as text ({@code null} while pending). */
    private String vector(UUID job) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select embedding::text from lesson_cards where job_id = ?")) {
            ps.setObject(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestFailure assertion(String testClass, String method, String expected, String actual) {
        String message = "expected: <" + expected + "> but was: <" + actual + ">";
        return new TestFailure(testClass + "#" + method, testClass, method, "failure", message,
                "org.opentest4j.AssertionFailedError: " + message + "\n\tat org.junit.jupiter.api.AssertionUtils.fail("
                        + "AssertionUtils.java:38)\n\tat " + testClass + "." + method + "(Test.java:12)\n");
    }

    private static TestFailure npe() {
        String message = "Cannot invoke \"String.length()\" because \"line\" is null";
        return new TestFailure("com.acme.io.CsvReaderTest#readsEmptyRow", "com.acme.io.CsvReaderTest", "readsEmptyRow",
                "error", message, "java.lang.NullPointerException: " + message
                + "\n\tat com.acme.io.CsvReader.readRow(CsvReader.java:88)\n\tat com.acme.io.CsvReaderTest.readsEmptyRow(CsvReaderTest.java:20)\n");
    }

    private static SuspiciousLocation at(String className, String method, int line) {
        return new SuspiciousLocation("src/main/java/" + className.replace('.', '/') + ".java", line, className, method,
                0.9, "ochiai");
    }

    private static String team() {
        return "lessons-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private int cards(UUID job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from lesson_cards where job_id = ?")) {
            ps.setObject(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int eventCount(UUID job) {
        return given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        dev.pavu.testsupport.Await.until(what, Duration.ofSeconds(90), condition);
    }
}
