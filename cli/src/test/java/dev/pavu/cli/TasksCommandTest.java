package dev.pavu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu tasks load|watch FILE} against a planner played by the test. */
class TasksCommandTest {

    @TempDir
    Path tmp;

    private Path twoProjects() throws Exception {
        for (String name : List.of("alpha", "beta")) {
            Path p = Files.createDirectories(tmp.resolve("projects").resolve(name));
            Files.writeString(p.resolve("pom.xml"), "<project>" + name + "</project>\n");
        }
        Path file = tmp.resolve("tasks.yaml");
        Files.writeString(file, """
                tasks:
                  - name: alpha
                    repo: projects/alpha
                    priority: 8
                    maxCandidates: 20
                    jobTimeout: 300
                  - name: beta
                    repo: projects/beta
                    task: implement the missing method
                    kind: implement
                """);
        return file;
    }

    private static JsonNode jobPart(FakePlanner.Request post) throws Exception {
        Map<String, Multiparts.Part> parts = Multiparts.parse(post.header("Content-Type"), post.body());
        return FakePlanner.JSON.readTree(new String(parts.get("job").content(), StandardCharsets.UTF_8));
    }

    @Test
    void loadSubmitsEachTaskWithItsFieldsThenOnlyWhatChanged() throws Exception {
        Path file = twoProjects();
        try (FakePlanner planner = new FakePlanner()) {
            Map<String, String> env = Map.of("PAVU_PLANNER_URL", planner.url());
            Cli.Run first = Cli.run(env, Path.of("/"), "tasks", "load", file.toString());
            assertEquals(0, first.code(), first.toString());
            assertEquals("alpha " + planner.jobId + "\nbeta " + planner.jobId + "\n", first.out());
            List<FakePlanner.Request> posts = planner.requests("POST", "/jobs");
            assertEquals(2, posts.size());
            JsonNode alpha = jobPart(posts.get(0));
            assertEquals(8, alpha.path("priority").asInt(), alpha.toString());
            assertEquals(20, alpha.path("budget").path("maxCandidates").asInt(), alpha.toString());
            assertEquals(300_000, alpha.path("budget").path("jobTimeoutMs").asLong(), alpha.toString());
            assertEquals("make the failing tests pass", alpha.path("task").asText(), alpha.toString());
            JsonNode beta = jobPart(posts.get(1));
            assertEquals("IMPLEMENT", beta.path("kind").asText(), beta.toString());
            assertEquals("implement the missing method", beta.path("task").asText(), beta.toString());
            assertTrue(Files.isRegularFile(tmp.resolve(".tasks.yaml.pavu-state.json")), "the state is kept beside the file");

            Cli.Run again = Cli.run(env, tmp, "tasks", "load", "tasks.yaml");
            assertEquals(0, again.code(), again.toString());
            assertEquals("", again.out(), "nothing changed, nothing submitted");
            assertTrue(again.err().contains("alpha: unchanged, job " + planner.jobId), again.err());
            assertEquals(2, planner.requests("POST", "/jobs").size());

            Files.writeString(file, Files.readString(file).replace("priority: 8", "priority: 9"));
            Cli.Run changed = Cli.run(env, tmp, "tasks", "load", "tasks.yaml");
            assertEquals("alpha " + planner.jobId + "\n", changed.out(), changed.toString());
            assertEquals(9, jobPart(planner.requests("POST", "/jobs").get(2)).path("priority").asInt());

            Cli.Run forced = Cli.run(env, tmp, "tasks", "load", "tasks.yaml", "--force");
            assertEquals(2, forced.out().lines().count(), forced.toString());
        }
    }

    @Test
    void aWrongEntryIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        try (FakePlanner planner = new FakePlanner()) {
            Map<String, String> env = Map.of("PAVU_PLANNER_URL", planner.url());
            Files.writeString(file, "tasks:\n  - name: a\n    repo: x\n  - name: b\n    repo: y\n    priority: 12\n");
            Cli.Run r = Cli.run(env, tmp, "tasks", "load", "bad.yaml");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("task 2 (b): priority must be 0 (lowest) to 9 (highest), was 12"), r.err());

            Files.writeString(file, "tasks:\n  - name: a\n    repo: x\n    prio: 3\n");
            r = Cli.run(env, tmp, "tasks", "load", "bad.yaml");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("unknown field 'prio'"), r.err());

            Files.writeString(file, "tasks:\n  - name: a\n    repo: x\n  - name: a\n    repo: y\n");
            r = Cli.run(env, tmp, "tasks", "load", "bad.yaml");
            assertTrue(r.err().contains("the name is used twice"), r.err());

            Files.writeString(file, "tasks:\n  - name: a\n    repo: x\n    kind: FIX_LOG\n");
            r = Cli.run(env, tmp, "tasks", "load", "bad.yaml");
            assertTrue(r.err().contains("kind FIX_LOG needs errorLog"), r.err());

            Files.writeString(file, "tasks:\n  - name: a\n    repo: x\n    reproduceCommand: java Main\n");
            r = Cli.run(env, tmp, "tasks", "load", "bad.yaml");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("reproduceCommand is for kind FIX_LOG"), r.err());
            assertEquals(0, planner.requests("POST", "/jobs").size(), "nothing was sent");
        }
    }

    @Test
    void watchSubmitsWhenTheFileChanges() throws Exception {
        Path file = twoProjects();
        try (FakePlanner planner = new FakePlanner()) {
            Map<String, String> env = Map.of("PAVU_PLANNER_URL", planner.url());
            CompletableFuture<Cli.Run> watching = CompletableFuture.supplyAsync(() ->
                    Cli.run(env, tmp, "tasks", "watch", "tasks.yaml", "--interval", "1", "--for", "8"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (planner.requests("POST", "/jobs").size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, planner.requests("POST", "/jobs").size(), "both tasks submitted at start");
            Files.writeString(file, Files.readString(file) + """
                      - name: gamma
                        repo: projects/alpha
                        task: a third task
                    """);
            Cli.Run r = watching.get(30, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.toString());
            assertEquals(3, planner.requests("POST", "/jobs").size(), r.toString());
            assertTrue(r.out().contains("gamma " + planner.jobId), r.out());
            assertEquals("a third task", jobPart(planner.requests("POST", "/jobs").get(2)).path("task").asText());
        }
    }
}
