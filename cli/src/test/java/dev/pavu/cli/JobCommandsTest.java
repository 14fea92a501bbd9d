package dev.pavu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** status, jobs, patch, events, watch and cancel against a planner played by the test. */
class JobCommandsTest {

    @Test
    void statusPrintsTheViewAndToleratesUnknownFields() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory().concludedAlready()) {
            Cli.Run r = Cli.run("status", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("id                   " + planner.jobId), r.out());
            assertTrue(r.out().contains("outcome              SUCCEEDED"), r.out());
            assertTrue(r.out().contains("someNewField         ignored by the CLI"), r.out());

            r = Cli.run("status", planner.jobId, "--planner", planner.url(), "--json");
            assertEquals(0, r.code(), r.toString());
            assertEquals(planner.jobId, FakePlanner.JSON.readTree(r.out()).get("id").asText());
        }
    }

    @Test
    void anUnknownJobExitsOneWithThePlannersWords() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run("status", "nope", "--planner", planner.url());
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("cannot get job nope: the planner answered 404 — no job /jobs/nope"), r.toString());
        }
    }

    @Test
    void jobsListsOneLinePerJob() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory().concludedAlready()) {
            Cli.Run r = Cli.run("jobs", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            String[] lines = r.out().split("\n");
            assertTrue(lines[0].startsWith("ID"), r.out());
            assertTrue(lines[1].startsWith(planner.jobId + "  CONCLUDED   SUCCEEDED"), r.out());
            assertTrue(lines[1].contains("3/2") && lines[1].contains("4.2 s"), r.out());
        }
    }

    @Test
    void patchPrintsTheDiffAloneOnStdout() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory().concludedAlready()) {
            Cli.Run r = Cli.run("patch", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals(planner.patch, r.out());
        }
    }

    @Test
    void reportPrintsTheMarkdownAsThePlannerWroteIt() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory().concludedAlready()) {
            Cli.Run r = Cli.run("report", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals(planner.report, r.out());
            FakePlanner.Request get = planner.requests("GET", "/jobs/" + planner.jobId + "/report").getFirst();
            assertTrue(get.header("Accept").startsWith("text/markdown"), get.header("Accept"));

            r = Cli.run("report", "nope", "--planner", planner.url());
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("cannot get the report of job nope: the planner answered 404 — no job /jobs/nope/report"), r.toString());
        }
    }

    @Test
    void aJobWithoutPatchSaysWhy() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            planner.outcome = "FAILED";
            planner.reason = "the project does not compile";
            planner.typicalStory().concludedAlready();
            Cli.Run r = Cli.run("patch", planner.jobId, "--planner", planner.url());
            assertEquals(1, r.code(), r.toString());
            assertEquals("", r.out());
            assertTrue(r.err().contains("has no patch: it FAILED — the project does not compile"), r.toString());
        }
    }

    @Test
    void eventsPrintsTheTimelineOrTheJsonList() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory().concludedAlready()) {
            Cli.Run r = Cli.run("events", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            String[] lines = r.out().split("\n");
            assertEquals(planner.events.size(), lines.length, r.out());
            assertEquals("10:00:00  #0  submitted   make the failing tests pass  [bundle]", lines[0]);
            assertEquals("10:00:02  #0  candidate   baseline (the empty patch)", lines[2]);
            assertEquals("10:00:06  #1  candidates  2 proposed, 1 rejected — 2 candidates from 2 patterns", lines[6]);
            assertTrue(lines[9].startsWith("10:00:09  #1  concluded   SUCCEEDED: a plausible patch passes all 12 tests (3 candidates tried, 4.2 s)"), lines[9]);

            r = Cli.run("events", planner.jobId, "--planner", planner.url(), "--json");
            JsonNode list = FakePlanner.JSON.readTree(r.out());
            assertEquals(planner.events.size(), list.size());
            assertEquals("pavu.job.submitted.v1", list.get(0).get("type").asText());
        }
    }

    @Test
    void watchFollowsTheServerSentEventsUntilTheConclusion() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            Cli.Run r = Cli.run("watch", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            FakePlanner.Request sse = planner.requests("GET", "/jobs/" + planner.jobId + "/events").getFirst();
            assertEquals("text/event-stream", sse.header("Accept"));
            String[] lines = r.out().split("\n");
            assertEquals(planner.events.size(), lines.length, r.out());
            assertTrue(lines[3].contains("#0  verdict     FAIL    baseline: 1 of 12 tests failed"), lines[3]);
            assertTrue(lines[8].contains("#1  verdict     PASS    relational-operator-replacement: all 12 tests passed"), lines[8]);
            assertTrue(lines[9].contains("concluded   SUCCEEDED"), lines[9]);
        }
    }

    @Test
    void watchReconnectsAfterTheLastSeqWhenTheStreamDrops() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            planner.sseChunk = 3;
            Cli.Run r = Cli.run("watch", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals(planner.events.size(), r.out().split("\n").length, "every event once:\n" + r.out());
            var streams = planner.requests("GET", "/jobs/" + planner.jobId + "/events");
            assertEquals(4, streams.size(), "10 events, 3 per connection");
            assertEquals("after=102", streams.get(1).query(), "resumes after the last seq seen");
        }
    }

    @Test
    void watchExitsOneWhenTheJobDidNotSucceed() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            planner.outcome = "CANCELLED";
            planner.reason = "cancelled by the user";
            planner.typicalStory();
            assertEquals(1, Cli.run("watch", planner.jobId, "--planner", planner.url()).code());
        }
    }

    @Test
    void cancelPostsToTheCancelEndpoint() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            Cli.Run r = Cli.run("cancel", planner.jobId, "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, planner.requests("POST", "/jobs/" + planner.jobId + "/cancel").size());
            assertTrue(r.out().contains("cancellation of job " + planner.jobId + " requested (state CANCELLING)"), r.out());
        }
    }

    @Test
    void statsPrintsTheSummaryForPeopleAndPassesTheWindowOn() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run("stats", "--since", "24h", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals("since=24h", planner.requests("GET", "/stats/summary").getFirst().query());
            assertTrue(r.out().contains("jobs since 2026-11-29T12:00:00Z: 9 (6 succeeded, 1 exhausted, 1 failed, 0 cancelled, 1 running)"), r.out());
            assertTrue(r.out().contains("success rate: 75%"), r.out());
            assertTrue(r.out().contains("time to patch: median 15.8 s, mean 22.1 s, p90 61.0 s"), r.out());
            assertTrue(r.out().contains("candidates per job: median 1, mean 4.3"), r.out());
            assertTrue(r.out().contains("top failure kinds: AssertionFailedError 6 (5 fixed)"), r.out());
            assertTrue(r.out().contains("top fix patterns: relational-operator-replacement 3, off-by-one 2"), r.out());
        }
    }
}
