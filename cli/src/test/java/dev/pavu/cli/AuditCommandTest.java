package dev.pavu.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu audit verify|prune} against an updater played by the test (the real one: updater's AuditChainTest). */
class AuditCommandTest {

    static final String INTACT = "33333333-3333-3333-3333-333333333333";
    static final String BROKEN = "44444444-4444-4444-4444-444444444444";

    HttpServer server;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/audit/jobs", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String uri = ex.getRequestURI().toString();
            requests.add(ex.getRequestMethod() + " " + uri + " " + body);
            int status = 200;
            String answer;
            if (uri.equals("/audit/jobs/" + INTACT + "/verify")) {
                answer = "{\"intact\":true,\"events\":9,\"summary\":\"intact: 9 events\",\"gaps\":[{\"jobSeq\":4,"
                        + "\"eventId\":\"55555555-5555-5555-5555-555555555555\",\"eventType\":\"pavu.verdict.issued.v1\","
                        + "\"consumer\":\"planner-service\",\"reason\":\"database down\",\"deadLetterId\":12}]}";
            } else if (uri.equals("/audit/jobs/" + BROKEN + "/verify")) {
                answer = "{\"intact\":false,\"events\":4,\"summary\":\"changed: event 66666666-6666-6666-6666-666666666666 "
                        + "(pavu.verdict.issued.v1, position 5, seq 88): its content hashes to x\",\"gaps\":[],"
                        + "\"problem\":{\"kind\":\"CHANGED\",\"jobSeq\":5}}";
            } else if (uri.equals("/audit/jobs/" + INTACT + "/prune")) {
                answer = "{\"intact\":true,\"events\":3,\"summary\":\"intact: 3 events (positions 1..7 pruned by admin at now)\",\"gaps\":[]}";
            } else {
                status = 404;
                answer = "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no event of job x in the audit log\"}";
            }
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_UPDATER_URL", "http://127.0.0.1:" + server.getAddress().getPort()),
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
