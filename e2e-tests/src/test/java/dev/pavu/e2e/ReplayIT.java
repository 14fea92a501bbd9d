package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /jobs/{id}/replay?verifyOnly=true} through the whole stack: the bundled example is repaired, its final
 * patch verified again in the sandbox gives the recorded verdict ("identical"); a full replay is refused with 501; a
 * user's token cannot reach the verifier's replay endpoint, which takes any diff, directly.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlannerClient planner = new PlannerClient();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRepairedJobsFinalPatchReplaysIdentical() throws Exception {
        String id = planner.submitProject(Projects.named("invoicing"), Map.of("task", "make the failing tests pass",
                "budget", Map.of("maxIterations", 3, "maxCandidates", 150, "candidateTimeoutMs", 60_000,
                        "jobTimeoutMs", 900_000))).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());
        JsonNode report = verifyOnly(id);
        String r = report.toString();
        assertTrue(report.get("identical").asBoolean(), r);
        assertEquals(List.of(), JSON.convertValue(report.get("differences"), List.class), r);
        assertEquals("PASS", report.at("/recorded/verdict").asText(), r);
        assertEquals("PASS", report.at("/replayed/verdict").asText(), r);
        int ran = report.at("/replayed/testsRun").asInt();
        assertTrue(ran > 0, r);
        assertEquals(report.at("/recorded/testsRun").asInt(), ran, r);
        assertEquals(sha256(planner.patch(id)), report.get("patchSha256").asText(), r);
        assertTrue(!report.get("replayId").asText().equals(report.get("candidateId").asText()), "verified under a new id: " + r);

        HttpResponse<String> full = post("/jobs/" + id + "/replay");
        assertEquals(501, full.statusCode(), full.body());
        assertTrue(full.body().contains("verifyOnly=true"), full.body());
    }

    @Test
    void theVerifiersReplayEndpointIsForPavusServicesOnly() throws Exception {
        String verifier = System.getenv().getOrDefault("PAVU_VERIFIER_URL", "http://localhost:8083");
        // an admin's token is not the service credential: a forged candidate never reaches the sandbox this way
        HttpResponse<String> r = HTTP.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(verifier + "/replays")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
    }

    /**
     * Replays a concluded job's final patch once its conclusion is in the audit log.
     *
     * @param id the job
     * @return the planner's report (asserted to be answered 200)
     */
    static JsonNode verifyOnly(String id) throws Exception {
        awaitInAuditLog(id);
        HttpResponse<String> r = post("/jobs/" + id + "/replay?verifyOnly=true");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(LocalStackExtension.plannerUrl() + path)))
                .timeout(Duration.ofMinutes(5)).header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The conclusion reaches the audit log shortly after the planner concluded. */
    private static void awaitInAuditLog(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (new PlannerClient().get("/jobs/" + id + "/events").toString().contains("pavu.job.concluded.v1")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + ": its conclusion did not reach the audit log within 60 s");
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
