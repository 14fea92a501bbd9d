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

/** {@code pavu cleanup} against a planner played by the test. */
class CleanupCommandTest {

    static final String REPORT = """
            {"dryRun":%s,"jobs":2,"bundles":1,"bytes":3145728,"modelCalls":4,"modelCallBytes":2048,
             "teams":[{"team":"acme","rule":"keep the last 5 concluded jobs of team acme",
                       "jobIds":["11111111-1111-1111-1111-111111111111","22222222-2222-2222-2222-222222222222"],
                       "bundles":["%s"],"bytes":3145728,"modelCalls":4,"modelCallBytes":2048,"gatewayError":null}]}
            """;

    JsonStub planner;
    List<String> requests;

    @BeforeEach
    void start() throws IOException {
        planner = new JsonStub("/admin/retention/run", true, (method, uri) -> switch (method + " " + uri) {
            case "POST /admin/retention/run" -> JsonStub.Answer.ok(REPORT.formatted(
                    planner.requests.getLast().contains("\"dryRun\":true"), "ab".repeat(32)));
            default -> JsonStub.Answer.problem(404, "Not Found", "no such path");
        });
        requests = planner.requests;
    }

    @AfterEach
    void stop() {
        planner.close();
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_PLANNER_URL", planner.url(), "PAVU_TOKEN", "pavu_test"), Path.of("").toAbsolutePath(), args);
    }

    @Test
    void keepSendsTheRuleAndPrintsCountsAndBytesPerTeamAndInTotal() {
        Cli.Run r = run("cleanup", "--keep", "5");
        assertEquals(0, r.code(), r.toString());
        assertTrue(requests.getFirst().startsWith("POST /admin/retention/run {\"keep\":5}"), requests.toString());
        assertTrue(r.out().contains("acme (keep the last 5 concluded jobs of team acme): 2 job(s), 1 bundle(s), 4 model call(s), 3.0 MiB"),
                r.out());
        assertTrue(r.out().contains("freed: 2 job(s), 1 bundle(s), 4 model call(s), 3.0 MiB"), r.out());
    }

    @Test
    void dryRunAndDaysAreSentAndTheOutputSaysNothingChanged() {
        Cli.Run r = run("cleanup", "--days", "30", "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(requests.getFirst().startsWith("POST /admin/retention/run {\"days\":30,\"dryRun\":true}"), requests.toString());
        assertTrue(r.out().contains("would free (dry run): 2 job(s)"), r.out());
    }

    @Test
    void aNegativeKeepIsAUsageError() {
        Cli.Run r = run("cleanup", "--keep", "-1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--keep and --days take 0 or more"), r.err());
        assertEquals(List.of(), requests);
    }
}
