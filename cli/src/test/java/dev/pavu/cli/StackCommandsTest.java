package dev.pavu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** up, down, status-stack and demo run deploy/local/stack of the checkout (here a stand-in script). */
class StackCommandsTest {

    @TempDir
    Path root;

    private Map<String, String> fakeCheckout(String script) throws Exception {
        Files.createDirectories(root.resolve("deploy/local"));
        Files.writeString(root.resolve("deploy/local/stack"), script);
        return Map.of("PAVU_ROOT", root.toString());
    }

    @Test
    void upDownAndStatusRunTheStackScript() throws Exception {
        Map<String, String> env = fakeCheckout("echo \"stack $*\"; echo \"[stack] note\" >&2\n");
        Cli.Run r = Cli.run(env, root, "up");
        assertEquals(0, r.code(), r.toString());
        assertEquals("stack up all\n", r.out());
        assertTrue(r.err().contains("[stack] note"), r.toString());
        assertEquals("stack down infra\n", Cli.run(env, root, "down", "infra").out());
        assertEquals("stack status\n", Cli.run(env, root, "status-stack").out());
    }

    @Test
    void aFailingStackScriptExitsOne() throws Exception {
        Map<String, String> env = fakeCheckout("echo '[stack] error: kafka did not open port 9092' >&2; exit 1\n");
        Cli.Run r = Cli.run(env, root, "up", "infra");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("deploy/local/stack up infra failed (exit 1)"), r.toString());
    }

    @Test
    void aRootWithoutTheStackIsAUsageError() {
        Cli.Run r = Cli.run(Map.of("PAVU_ROOT", root.toString()), root, "up");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("is not a Pavu checkout"), r.toString());
    }

    @Test
    void demoStartsTheStackSubmitsTheBundledExampleAndPrintsThePatch() throws Exception {
        Map<String, String> env = fakeCheckout("echo \"stack $*\"\n");
        Path example = Files.createDirectories(root.resolve("examples/invoicing"));
        Files.writeString(example.resolve("pom.xml"), "<project/>\n");
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            Cli.Run r = Cli.run(env, root, "demo", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("stack up all"), "the stack is started:\n" + r);
            assertEquals(1, planner.requests("POST", "/jobs").size());
            assertTrue(r.out().contains("job " + planner.jobId + ": SUCCEEDED"), r.out());
            assertTrue(r.out().contains("candidates tried: 3"), r.out());
            assertTrue(r.out().contains("time:             4.2 s"), r.out());
            assertTrue(r.out().endsWith(planner.patch), r.out());
        }
    }
}
