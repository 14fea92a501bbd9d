package dev.pavu.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the CLI looks for the planner: the option, {@code PAVU_PLANNER_URL}, the local stack's port, the default. */
class PlannerUrlTest {

    private static CliContext with(Map<String, String> env) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new CliContext(sink, sink, env, Path.of("."), Duration.ofMillis(10), ZoneOffset.UTC);
    }

    @Test
    void aStackStartedOnAnotherPortIsFoundThroughPavuPlannerPort() {
        // ./pavu demo with PAVU_PLANNER_PORT=18081 started the planner there, then uploaded to :8081 and failed
        assertEquals("http://localhost:18081", with(Map.of("PAVU_PLANNER_PORT", "18081")).plannerUrl(null));
    }

    @Test
    void theOptionThenTheUrlVariableWinOverThePort() {
        Map<String, String> env = Map.of("PAVU_PLANNER_PORT", "18081", "PAVU_PLANNER_URL", "http://planner.internal:80/");
        assertEquals("http://planner.internal:80", with(env).plannerUrl(null));
        assertEquals("https://pavu.example.com", with(env).plannerUrl("https://pavu.example.com"));
        assertEquals(CliContext.DEFAULT_PLANNER_URL, with(Map.of("PAVU_PLANNER_PORT", "not-a-port")).plannerUrl(null));
        assertEquals(CliContext.DEFAULT_PLANNER_URL, with(Map.of()).plannerUrl(null));
    }
}
