package dev.pavu.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu replay ID --verify-only} against a planner played by the test. */
class ReplayCommandTest {

    static final String JOB = "3f2b9c1e-8d4a-4e8b-9c2f-1a2b3c4d5e6f";
    static final String REPORT = """
            {"jobId":"%s","candidateId":"11111111-1111-1111-1111-111111111111","replayId":"22222222-2222-2222-2222-222222222222",
             "identical":%s,"differences":%s,
             "recorded":{"verdict":"PASS","testsRun":11,"testsFailed":0,"failingTests":[]},
             "replayed":{"verdict":"%s","testsRun":11,"testsFailed":%s,"failingTests":%s},
             "patchSha256":"abc123","reason":"all 11 tests passed","durationMs":812,"log":null}
            """;

    JsonStub planner;

    @AfterEach
    void stop() {
        if (planner != null) {
            planner.close();
        }
    }

    private Cli.Run run(String answer, String... args) throws IOException {
        planner = new JsonStub("/jobs", true, (method, uri) -> method.equals("POST") && uri.equals("/jobs/" + JOB + "/replay?verifyOnly=true")
                ? JsonStub.Answer.ok(answer) : JsonStub.Answer.problem(404, "Not found", "no job"));
        return Cli.run(Map.of("PAVU_PLANNER_URL", planner.url(), "PAVU_TOKEN", "pavu_test"), Path.of("").toAbsolutePath(), args);
    }

    @Test
    void anIdenticalReplayExitsZeroAndSaysSo() throws IOException {
        Cli.Run r = run(REPORT.formatted(JOB, "true", "[]", "PASS", "0", "[]"), "replay", JOB, "--verify-only");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("recorded: PASS, 11 tests run, 0 failed"), r.out());
        assertTrue(r.out().contains("now:      PASS, 11 tests run, 0 failed in 812 ms"), r.out());
        assertTrue(r.out().strip().endsWith("identical"), r.out());
        assertTrue(planner.requests.getFirst().startsWith("POST /jobs/" + JOB + "/replay?verifyOnly=true ")
                && planner.requests.getFirst().endsWith("auth=Bearer pavu_test"), planner.requests.toString());
    }

    @Test
    void aDivergedReplayNamesEachDifferenceAndExitsOne() throws IOException {
        Cli.Run r = run(REPORT.formatted(JOB, "false", "[\"verdict: recorded PASS, now FAIL\",\"tests failed: recorded 0, now 1\"]",
                "FAIL", "1", "[\"a.B#x\"]"), "replay", JOB, "--verify-only");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("differs:  verdict: recorded PASS, now FAIL"), r.out());
        assertTrue(r.out().contains("differs:  tests failed: recorded 0, now 1"), r.out());
        assertTrue(r.out().strip().endsWith("diverged: 2 difference(s)"), r.out());
    }

    @Test
    void withoutVerifyOnlyItIsAUsageErrorAndAsksNothing() throws IOException {
        Cli.Run r = run("{}", "replay", JOB);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--verify-only"), r.err());
        assertTrue(planner.requests.isEmpty(), planner.requests.toString());
    }

    @Test
    void anotherTeamsJobIsNotFound() throws IOException {
        Cli.Run r = run("{}", "replay", "00000000-0000-0000-0000-000000000000", "--verify-only");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("404"), r.err());
    }
}
