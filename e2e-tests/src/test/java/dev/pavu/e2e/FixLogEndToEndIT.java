package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A FIX_LOG job through the whole running stack ({@code e2e-tests/projects/orders-crash}: its tests pass, its main
 * method divides by zero as {@code crash.txt} records): the log's stack trace drives localisation, and the job succeeds
 * with a patch after which the tests pass and the reproduce command no longer shows the logged failure.
 */
@ExtendWith(LocalStackExtension.class)
class FixLogEndToEndIT {

    private final PlannerClient planner = new PlannerClient();

    @Test
    void aLoggedCrashWhoseTestsPassIsFixedUntilItNoLongerReproduces() throws Exception {
        Path project = Projects.named("orders-crash");
        Map<String, Object> job = Map.of("kind", "FIX_LOG", "errorLog", Files.readString(project.resolve("crash.txt")),
                "reproduceCommand", "java -cp target/classes demo.Main",
                "budget", Map.of("maxIterations", 3, "maxCandidates", 150, "candidateTimeoutMs", 120_000, "jobTimeoutMs", 1_200_000));
        String id = planner.submitProject(project, job).get("id").asText();

        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(20));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().contains("no longer reproduces"), done.toString());
        String patch = planner.patch(id);
        assertTrue(patch.contains("src/main/java/demo/Orders.java"), patch);
    }
}
