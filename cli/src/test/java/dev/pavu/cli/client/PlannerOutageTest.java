package dev.pavu.cli.client;

import dev.pavu.cli.CliException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlannerOutageTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final PlannerOutage outage = new PlannerOutage(Duration.ofSeconds(30), now::get);
    private final CliException unreachable = new CliException("the planner at http://localhost:8081 is not reachable", CliException.USAGE);

    @Test
    void anUnreachablePlannerIsRetriedUntilTheGracePeriodEnds() {
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(notes, true, StandardCharsets.UTF_8);
        outage.failed(unreachable, out);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertDoesNotThrow(() -> outage.failed(unreachable, out));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertSame(unreachable, assertThrows(CliException.class, () -> outage.failed(unreachable, out)));
        assertEquals("(the planner at http://localhost:8081 is not reachable; retrying for 30 s)\n",
                notes.toString(StandardCharsets.UTF_8), "the first failure of an outage is noted once");
    }

    @Test
    void anAnswerStartsANewGracePeriod() {
        outage.failed(unreachable, null);
        now.addAndGet(Duration.ofSeconds(25).toNanos());
        outage.answered();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        outage.failed(unreachable, null);
        now.addAndGet(Duration.ofSeconds(25).toNanos());
        assertDoesNotThrow(() -> outage.failed(unreachable, null));
    }

    @Test
    void problemsAndOtherFailuresAreNotRetried() {
        PlannerException problem = new PlannerException(404, "no job 42");
        assertSame(problem, assertThrows(PlannerException.class, () -> outage.failed(problem, null)));
        CliException failed = CliException.failed("the bundle is too large");
        assertSame(failed, assertThrows(CliException.class, () -> outage.failed(failed, null)));
    }
}
