package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Lessons through the whole stack: a job's conclusion becomes a lesson card in the updater, and the next job on the
 * same failure gets the pattern that fixed it weighted up in its first repair plan (the planner reads the card through
 * {@code GET /lessons/similar}; the plan's decision records how many patterns lessons weighted).
 */
@ExtendWith(LocalStackExtension.class)
class LessonsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlannerClient planner = new PlannerClient();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Map<String, Object> job() {
        return Map.of("task", "make the failing tests pass", "budget", Map.of("maxIterations", 3, "maxCandidates", 150,
                "candidateTimeoutMs", 30_000, "jobTimeoutMs", 900_000));
    }

    @Test
    void aSecondJobOnTheSameFailureWeightsThePatternThatFixedTheFirst() throws Exception {
        String first = planner.submitProject(Projects.named("shapes"), job()).get("id").asText();
        assertEquals("SUCCEEDED", planner.awaitConclusion(first, Duration.ofMinutes(10)).get("outcome").asText());

        JsonNode card = awaitCard(first);
        String pattern = card.path("fix").path("pattern").asText(null);
        assertNotNull(pattern, "the first job's card names its fix's pattern: " + card);
        String text = card.path("signature").path("exception").asText("") + ": "
                + card.path("signature").path("messageShape").asText("");
        awaitRanked(first, text); // its vector is computed after the conclusion commits

        String second = planner.submitProject(Projects.named("shapes"), job()).get("id").asText();
        assertEquals("SUCCEEDED", planner.awaitConclusion(second, Duration.ofMinutes(10)).get("outcome").asText());
        JsonNode plan = null;
        for (JsonNode e : planner.get("/jobs/" + second + "/events")) {
            if ("pavu.plan.proposed.v1".equals(e.path("type").asText()) && "REPAIR".equals(e.path("payload").path("kind").asText())) {
                plan = e.path("payload");
                break;
            }
        }
        assertNotNull(plan, "the second job has a repair plan");
        assertTrue(plan.path("decision").path("numbers").path("lessonPatterns").asDouble(0) >= 1,
                "the plan's decision says lessons weighted a pattern: " + plan.path("decision"));
        double weight = 0;
        for (JsonNode w : plan.path("patternWeights")) {
            if (pattern.equals(w.path("pattern").asText())) {
                weight = w.path("weight").asDouble();
            }
        }
        assertTrue(weight > 1.5, "the pattern that fixed the first job (" + pattern + ") is weighted up: "
                + plan.path("patternWeights"));
    }

    private JsonNode awaitCard(String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = updater("/lessons/" + job);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(500);
        }
        return fail("no lesson card for job " + job + " within 90 s");
    }

    private void awaitRanked(String job, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String q = "/lessons/similar?limit=50&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = updater(q);
            if (r.statusCode() == 200 && r.body().contains(job)) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("the card of job " + job + " was never ranked by /lessons/similar (its vector never computed)");
    }

    private HttpResponse<String> updater(String path) throws Exception {
        String base = System.getenv().getOrDefault("PAVU_UPDATER_URL", "http://localhost:8084");
        return http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + path)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
