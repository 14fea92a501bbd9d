package dev.pavu.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu workers status|pause|resume} against a planner played by the test. */
class WorkersCommandTest {

    static final String STATUS = """
            {"paused":%s,"changedBy":"ann (via service)","changedAt":"2026-12-06T20:00:00Z","reason":%s,
             "workers":[{"worker":"verifier-a","threads":2,"startedAt":"2026-12-06T19:00:00Z","seenAt":"2026-12-06T20:00:01Z",
                         "running":["11111111-1111-1111-1111-111111111111"]}],
             "running":1,"queued":3,"queuedByPriority":{"9":1,"5":2}}
            """;

    JsonStub planner;
    List<String> requests;

    @BeforeEach
    void start() throws IOException {
        planner = new JsonStub("/workers", true, (method, uri) -> switch (method + " " + uri) {
            case "GET /workers" -> JsonStub.Answer.ok(STATUS.formatted("false", "null"));
            case "POST /workers/pause" -> JsonStub.Answer.ok(STATUS.formatted("true", "\"maintenance\""));
            case "POST /workers/resume" -> JsonStub.Answer.ok(STATUS.formatted("false", "null"));
            default -> JsonStub.Answer.problem(403, "Forbidden", "admins only");
        });
        requests = planner.requests;
    }

    @AfterEach
    void stop() {
        planner.close();
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_PLANNER_URL", planner.url(), "PAVU_TOKEN", "pavu_test"),
                Path.of("").toAbsolutePath(), args);
    }

    @Test
    void statusShowsStateQueueByPriorityAndEachWorker() {
        Cli.Run r = run("workers", "status");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("workers: running"), r.out());
        assertTrue(r.out().contains("candidates: 1 running, 3 queued (priority 9: 1, priority 5: 2)"), r.out());
        assertTrue(r.out().contains("verifier-a: 2 thread(s), 1 running"), r.out());
        assertTrue(requests.getFirst().startsWith("GET /workers "), requests.toString());
    }

    @Test
    void pauseSendsTheReasonAndPrintsThePausedState() {
        Cli.Run r = run("workers", "pause", "--reason", "maintenance");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("workers: PAUSED") && r.out().contains("by ann (via service): maintenance"), r.out());
        assertTrue(requests.getFirst().startsWith("POST /workers/pause {\"reason\":\"maintenance\"}"), requests.toString());
    }

    @Test
    void resumeWithoutAReason() {
        Cli.Run r = run("workers", "resume");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("workers: running"), r.out());
        assertTrue(requests.getFirst().startsWith("POST /workers/resume {}"), requests.toString());
    }

    @Test
    void withoutASubcommandItShowsUsage() {
        Cli.Run r = run("workers");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("status") && r.err().contains("pause") && r.err().contains("resume"), r.err());
    }
}
