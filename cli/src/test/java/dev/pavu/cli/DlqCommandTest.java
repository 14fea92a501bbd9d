package dev.pavu.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu dlq list|show|replay} against an updater played by the test. */
class DlqCommandTest {

    static final String LETTER = """
            {"id":7,"consumer":"planner-service","consumerGroup":"planner-service","channel":"verdicts-in",
             "exceptionClass":"dev.pavu.contracts.EventFormatException","reason":"unknown type pavu.nonsense.v1",
             "attempts":1,"eventId":"11111111-1111-1111-1111-111111111111","eventType":"pavu.nonsense.v1",
             "jobId":"22222222-2222-2222-2222-222222222222",
             "original":{"topic":"pavu.verdicts","partition":0,"offset":41},
             "deadLetter":{"topic":"pavu.verdicts.dlq.planner-service","partition":0,"offset":3},
             "key":"k","value":"{}","headers":{},"deadLetteredAt":"2026-12-06T05:00:00Z","replayedAt":null,"replayedBy":null}
            """;

    JsonStub updater;
    List<String> requests;
    final AtomicBoolean replayed = new AtomicBoolean();

    @BeforeEach
    void start() throws IOException {
        updater = new JsonStub("/dead-letters", false, (method, uri) -> {
            if (uri.startsWith("/dead-letters?") || uri.equals("/dead-letters")) {
                return JsonStub.Answer.ok("[" + LETTER + "]");
            } else if (uri.equals("/dead-letters/7") && method.equals("GET")) {
                return JsonStub.Answer.ok(LETTER);
            } else if (uri.equals("/dead-letters/7/replay")) {
                return replayed.getAndSet(true)
                        ? JsonStub.Answer.problem(409, "Conflict", "dead letter 7 was replayed at 2026-12-06T05:01:00Z by ann")
                        : JsonStub.Answer.ok(LETTER.replace("\"replayedAt\":null,\"replayedBy\":null",
                                "\"replayedAt\":\"2026-12-06T05:01:00Z\",\"replayedBy\":\"ann\""));
            }
            return JsonStub.Answer.problem(404, "Not Found", "no dead letter");
        });
        requests = updater.requests;
    }

    @AfterEach
    void stop() {
        updater.close();
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_UPDATER_URL", updater.url(), "USER", "ann"),
                Path.of("").toAbsolutePath(), args);
    }

    @Test
    void listShowsOneLinePerDeadLetterAndPassesTheFilters() {
        Cli.Run r = run("dlq", "list", "--job", "22222222-2222-2222-2222-222222222222", "--consumer", "planner-service");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("planner-service") && r.out().contains("verdicts-in")
                && r.out().contains("EventFormatException: unknown type pavu.nonsense.v1"), r.out());
        assertTrue(requests.getFirst().startsWith("GET /dead-letters?consumer=planner-service&jobId=22222222"), requests.toString());
    }

    @Test
    void showPrintsTheDeadLetter() {
        Cli.Run r = run("dlq", "show", "7");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"pavu.verdicts.dlq.planner-service\""), r.out());
    }

    @Test
    void replayOnceThenTheRefusalIsShownWithExitCode1() {
        Cli.Run first = run("dlq", "replay", "7");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("replayed to pavu.verdicts by ann"), first.out());
        assertTrue(requests.getLast().endsWith("{\"by\":\"ann\"}"), requests.toString());
        Cli.Run second = run("dlq", "replay", "7", "--by", "bob");
        assertEquals(1, second.code(), second.toString());
        assertTrue(second.err().contains("409") && second.err().contains("was replayed at"), second.err());
    }

    @Test
    void anUnreachableUpdaterIsAUsageError() {
        Cli.Run r = Cli.run(Map.of("PAVU_UPDATER_URL", "http://127.0.0.1:1"), Path.of("").toAbsolutePath(), "dlq", "list");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("cannot reach the updater"), r.err());
    }
}
