package dev.pavu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments, validation messages and the exit codes of usage and connection errors. */
class ParsingTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommand() {
        Cli.Run r = Cli.run("--help");
        assertEquals(0, r.code(), r.toString());
        for (String c : new String[]{"up", "down", "status-stack", "submit", "status", "jobs", "watch", "events", "patch", "cancel", "demo"}) {
            assertTrue(r.out().contains(c), "help names " + c + ":\n" + r.out());
        }
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        Cli.Run r = Cli.run();
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Usage: pavu"), r.toString());
    }

    @Test
    void submitNeedsARepo() {
        Cli.Run r = Cli.run("submit", "--wait");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Missing required option: '--repo=PATH|URL'"), r.toString());
    }

    @Test
    void budgetsMustBePositive() {
        Cli.Run r = Cli.run("submit", "--repo", tmp.toString(), "--max-candidates", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--max-candidates must be at least 1, was 0"), r.toString());

        r = Cli.run("submit", "--repo", tmp.toString(), "--timeout-per-candidate", "-5");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--timeout-per-candidate must be at least 1, was -5"), r.toString());
    }

    @Test
    void numbersMustBeNumbers() {
        Cli.Run r = Cli.run("submit", "--repo", tmp.toString(), "--max-iterations", "many");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Invalid value for option '--max-iterations': 'many' is not an int"), r.toString());
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Cli.Run r = Cli.run("submit", "--repo", tmp.resolve("nope").toString(), "--planner", "http://127.0.0.1:1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no such directory"), r.toString());
    }

    @Test
    void anUnknownCommandOrStackPartIsAUsageError() {
        assertEquals(2, Cli.run("frobnicate").code());
        Cli.Run r = Cli.run("up", "everything");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("expected one of [infra, services, all]"), r.toString());
    }

    @Test
    void anUnreachablePlannerExitsTwoWithAHint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Cli.Run r = Cli.run("status", "some-job", "--planner", url);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("cannot reach the planner at " + url + ": start the stack with `pavu up`"), r.toString());

        // the environment variable names the planner too
        r = Cli.run(Map.of("PAVU_PLANNER_URL", url + "/"), tmp, "submit", "--repo", "https://example.org/x.git", "--wait", "--json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("cannot reach the planner at " + url + ":"), r.toString());
        assertEquals("", r.out(), "nothing on stdout when nothing was submitted");
    }

    @Test
    void thePlannerUrlMustBeHttp() {
        Cli.Run r = Cli.run("jobs", "--planner", "ftp://example.org");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--planner must be an http(s) URL"), r.toString());
    }

    @Test
    void plannerOptionWorksBeforeAndAfterTheCommand() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            assertEquals(0, Cli.run("--planner", planner.url(), "jobs").code());
            assertEquals(0, Cli.run("jobs", "--planner", planner.url()).code());
            assertEquals(2, planner.requests("GET", "/jobs").size());
        }
    }
}
