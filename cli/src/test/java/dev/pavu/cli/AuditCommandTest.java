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

/** {@code pavu audit verify|prune} against an updater played by the test (the real one: updater's AuditChainTest). */
class AuditCommandTest {

    static final String INTACT = "33333333-3333-3333-3333-333333333333";
    static final String BROKEN = "44444444-4444-4444-4444-444444444444";

    JsonStub updater;
    List<String> requests;

    @BeforeEach
    void start() throws IOException {
        updater = new JsonStub("/audit/jobs", false, (method, uri) -> {
            if (uri.equals("/audit/jobs/" + INTACT + "/verify")) {
                return JsonStub.Answer.ok("{\"intact\":true,\"events\":9,\"summary\":\"intact: 9 events\",\"gaps\":[{\"jobSeq\":4,"
                        + "\"eventId\":\"55555555-5555-5555-5555-555555555555\",\"eventType\":\"pavu.verdict.issued.v1\","
                        + "\"consumer\":\"planner-service\",\"reason\":\"database down\",\"deadLetterId\":12}]}");
            } else if (uri.equals("/audit/jobs/" + BROKEN + "/verify")) {
                return JsonStub.Answer.ok("{\"intact\":false,\"events\":4,\"summary\":\"changed: event 66666666-6666-6666-6666-666666666666 "
                        + "(pavu.verdict.issued.v1, position 5, seq 88): its content hashes to x\",\"gaps\":[],"
                        + "\"problem\":{\"kind\":\"CHANGED\",\"jobSeq\":5}}");
            } else if (uri.equals("/audit/jobs/" + INTACT + "/prune")) {
                return JsonStub.Answer.ok("{\"intact\":true,\"events\":3,\"summary\":\"intact: 3 events (positions 1..7 pruned by admin at now)\",\"gaps\":[]}");
            }
            return JsonStub.Answer.problem(404, "Not Found", "no event of job x in the audit log");
        });
        requests = updater.requests;
    }

    @AfterEach
    void stop() {
        updater.close();
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_UPDATER_URL", updater.url()),
                Path.of("").toAbsolutePath(), args);
    }

    @Test
    void anIntactChainPrintsItsCountAndItsGapsWithExitCode0() {
        Cli.Run r = run("audit", "verify", INTACT);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("intact: 9 events"), r.out());
        assertTrue(r.out().contains("gap at position 4: pavu.verdict.issued.v1 55555555-5555-5555-5555-555555555555 "
                + "dead-lettered by planner-service: database down (pavu dlq show 12)"), r.out());
    }

    @Test
    void aBrokenChainNamesTheEventWithExitCode1() {
        Cli.Run r = run("audit", "verify", BROKEN);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("changed: event 66666666-6666-6666-6666-666666666666"), r.out());
    }

    @Test
    void pruneSendsTheRangeAndReason() {
        Cli.Run r = run("audit", "prune", INTACT, "--through", "7", "--reason", "old");
        assertEquals(0, r.code(), r.toString());
        assertTrue(requests.getLast().endsWith("{\"through\":7,\"reason\":\"old\"}"), requests.toString());
        assertTrue(r.out().contains("pruned by admin"), r.out());
        assertEquals(2, run("audit", "prune", INTACT, "--through", "0").code());
    }

    @Test
    void anUnknownJobIsAnError() {
        Cli.Run r = run("audit", "verify", "77777777-7777-7777-7777-777777777777");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("404") && r.err().contains("no event of job"), r.err());
    }
}
