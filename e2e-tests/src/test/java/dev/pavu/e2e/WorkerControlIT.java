package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin pauses the verifier workers with {@code pavu workers pause} (the planner's {@code /workers}, passed on to
 * the verifier), a job submitted meanwhile gets no verdict and its baseline waits in the queue, and after
 * {@code pavu workers resume} the same job SUCCEEDS with the bundled example's patch: pausing loses nothing.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerControlIT {

    private final PlannerClient planner = new PlannerClient();

    @AfterEach
    void neverLeaveThemPaused() throws Exception {
        pavu("workers", "resume", "--reason", "WorkerControlIT cleanup");
    }

    @Test
    void pausingLosesNothingAndResumingFinishesTheJob() throws Exception {
        Cli paused = pavu("workers", "pause", "--reason", "e2e: pausing loses nothing");
        assertEquals(0, paused.exitCode(), paused.out());
        assertTrue(paused.out().contains("workers: PAUSED"), paused.out());
        assertTrue(paused.out().contains("e2e: pausing loses nothing"), "the reason is kept: " + paused.out());

        Map<String, Object> job = Map.of("task", "make the failing tests pass", "budget", Map.of("maxIterations", 3,
                "maxCandidates", 150, "candidateTimeoutMs", 60_000, "jobTimeoutMs", 900_000));
        String id = planner.submitProject(Projects.named("invoicing"), job).get("id").asText();

        // while paused the baseline candidate waits in the verifier's queue and the job gets no verdict
        JsonNode status = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Cli s = pavu("workers", "status", "--json");
            assertEquals(0, s.exitCode(), s.out());
            status = new ObjectMapper().readTree(s.out());
            if (status.path("queued").asLong() >= 1) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(status.path("paused").asBoolean(), String.valueOf(status));
        assertTrue(status.path("queued").asLong() >= 1, "the baseline waits in the queue: " + status);
        Thread.sleep(3000);
        JsonNode view = planner.get("/jobs/" + id);
        assertFalse(view.hasNonNull("outcome") && !view.get("outcome").asText().isEmpty(), "no outcome while paused: " + view);
        assertEquals(0, view.path("candidatesVerified").asInt(), "nothing verified while paused: " + view);

        Cli resumed = pavu("workers", "resume");
        assertEquals(0, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("workers: running"), resumed.out());
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(6));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());
        assertTrue(planner.patch(id).contains("VolumeDiscount.java"), "the example's fix");
    }

    private record Cli(String out, int exitCode) {
    }

    private static Cli pavu(String... args) throws Exception {
        Path root = LocalStackExtension.root();
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("pavu").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pavu " + String.join(" ", args) + " returned");
        return new Cli(out, p.exitValue());
    }
}
