package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication and teams on the running stack (DESIGN.md "Authentication and teams"): two teams, three tokens
 * (team A submitter, team B submitter, team B viewer) handed out by the stack's admin token. Anonymous requests get
 * 401 on every service's API (health stays open); team A cannot see or touch team B's job on any endpoint (404,
 * the same answer as an unknown id); a viewer cannot submit or cancel (403); a revoked token gets 401.
 */
@ExtendWith(LocalStackExtension.class)
class AuthTeamsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String planner = LocalStackExtension.plannerUrl();

    @Test
    void teamsAreIsolatedRolesAreEnforcedAndRevocationWorks() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalStackExtension.adminToken();
        String a = create(admin, "a-submitter", "submitter", "e2e-a-" + run);
        String b = create(admin, "b-submitter", "submitter", "e2e-b-" + run);
        JsonNode viewerCreated = createFull(admin, "b-viewer", "viewer", "e2e-b-" + run);
        String bViewer = viewerCreated.get("token").asText();

        // anonymous: 401 with a problem body on every service's API; health stays open
        for (String url : List.of(planner + "/jobs", service("PAVU_UPDATER_URL", 8084) + "/audit/events",
                service("PAVU_GATEWAY_URL", 8085) + "/v1/models",
                service("PAVU_VERIFIER_URL", 8083) + "/runs/" + UUID.randomUUID())) {
            HttpResponse<String> r = send("GET", url, null, null, null);
            assertEquals(401, r.statusCode(), "anonymous GET " + url + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), url);
            assertEquals(401, JSON.readTree(r.body()).get("status").asInt(), r.body());
            String health = url.substring(0, url.indexOf('/', "http://".length())) + "/q/health/ready";
            assertEquals(200, send("GET", health, null, null, null).statusCode(), health);
        }
        assertEquals(401, send("GET", planner + "/jobs", "pavu_" + "x".repeat(43), null, null).statusCode(),
                "an unknown token");

        // team B submits a job
        String id = submit(b, Projects.named("invoicing")).get("id").asText();
        JsonNode job = awaitBundle(b, id);
        String sha = job.path("source").path("bundleSha").isTextual() ? job.path("source").path("bundleSha").asText() : "";

        // team A: every endpoint of that job answers 404, like an unknown id
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("", "/patch", "/report", "/events")) {
            HttpResponse<String> theirs = send("GET", planner + "/jobs/" + id + path, a, null, null);
            HttpResponse<String> none = send("GET", planner + "/jobs/" + unknown + path, a, null, null);
            assertEquals(404, theirs.statusCode(), "team A GET /jobs/{B's id}" + path + ": " + theirs.body());
            assertEquals(404, none.statusCode(), "team A GET /jobs/{unknown}" + path);
            assertFalse(theirs.body().contains("e2e-b-"), "a 404 names no team: " + theirs.body());
        }
        HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(planner + "/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + a).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, sse.statusCode(), "team A's event stream of B's job: " + sse.body());
        assertEquals(404, send("POST", planner + "/jobs/" + id + "/cancel", a, null, null).statusCode(), "team A cancels B's job");
        if (!sha.isEmpty()) {
            assertEquals(404, send("GET", planner + "/sources/" + sha, a, null, null).statusCode(), "team A fetches B's bundle");
            assertEquals(200, send("GET", planner + "/sources/" + sha, b, null, null).statusCode(), "team B fetches its bundle");
        }
        assertFalse(send("GET", planner + "/jobs?limit=200", a, null, null).body().contains(id), "team A's list");
        assertTrue(send("GET", planner + "/jobs?limit=200", b, null, null).body().contains(id), "team B's list");
        assertEquals(200, send("GET", planner + "/jobs/" + id, bViewer, null, null).statusCode(), "B's viewer reads");

        // the verifier's run of B's baseline: B reads it, A gets 404
        String candidate = awaitCandidate(b, id);
        assertNotNull(candidate, "no verdict of job " + id + " within 4 minutes");
        String runUrl = service("PAVU_VERIFIER_URL", 8083) + "/runs/" + candidate;
        assertEquals(200, send("GET", runUrl, b, null, null).statusCode(), "team B reads its run");
        assertEquals(404, send("GET", runUrl, a, null, null).statusCode(), "team A reads B's run");
        assertEquals(404, send("GET", runUrl + "/log", a, null, null).statusCode(), "team A reads B's run log");

        // roles: a viewer neither submits nor cancels; a submitter manages no tokens
        HttpResponse<String> viewerSubmits = send("POST", planner + "/jobs", bViewer, "application/json",
                "{\"source\":{\"gitUrl\":\"https://example.invalid/x.git\"},\"task\":\"t\"}");
        assertEquals(403, viewerSubmits.statusCode(), "viewer submits: " + viewerSubmits.body());
        assertEquals(403, send("POST", planner + "/jobs/" + id + "/cancel", bViewer, null, null).statusCode(), "viewer cancels");
        assertEquals(403, send("GET", planner + "/auth/tokens", b, null, null).statusCode(), "submitter lists tokens");
        assertEquals(403, send("GET", service("PAVU_UPDATER_URL", 8084) + "/audit/jobs/" + id + "/events", b, null, null)
                .statusCode(), "a user reads the updater's audit log directly");

        assertEquals(404, send("POST", planner + "/jobs/" + id + "/cancel", a, null, null).statusCode(), "team A cancels B's job");

        // the gateway: a user's calls are charged to its token's team; a team header naming another team is ignored
        HttpResponse<String> usage = http.send(HttpRequest.newBuilder(URI.create(service("PAVU_GATEWAY_URL", 8085) + "/v1/usage"))
                .header("Authorization", "Bearer " + a).header("X-Pavu-Team", "e2e-b-" + run).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, usage.statusCode(), usage.body());
        assertEquals("e2e-a-" + run, JSON.readTree(usage.body()).path("team").asText(), "team A's usage: " + usage.body());

        // revocation: the revoked viewer gets 401 at once at the planner
        String viewerId = viewerCreated.path("info").path("id").asText();
        assertEquals(200, send("DELETE", planner + "/auth/tokens/" + viewerId, admin, null, null).statusCode());
        assertEquals(401, send("GET", planner + "/jobs/" + id, bViewer, null, null).statusCode(), "revoked token");

        // team B cancels its own job
        HttpResponse<String> cancel = send("POST", planner + "/jobs/" + id + "/cancel", b, null, null);
        assertTrue(cancel.statusCode() == 202 || cancel.statusCode() == 409, "team B cancels its job: " + cancel.body());
    }

    /**
     * Quotas on the running stack: the planner restarted with a limit of one running job for one team
     * ({@code pavu.quotas.teams.<team>.concurrent-jobs=1}); that team's second job is refused with 429, a
     * {@code quota-exceeded} problem body and {@code Retry-After}, while another team still submits; once its job
     * ended the team submits again. The planner is started again with its usual settings at the end.
     */
    @Test
    void aTeamAtItsQuotaGets429AndAnotherTeamDoesNot() throws Exception {
        String team = "e2e-quota-" + UUID.randomUUID().toString().substring(0, 8);   // this run's own: no earlier job counts
        String opts = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dpavu.quotas.teams." + team + ".concurrent-jobs=1";
        LocalStackExtension.run(Map.of(), "down", "planner-service");
        LocalStackExtension.run(Map.of("PAVU_SERVICE_JAVA_OPTS", opts), "up", "planner-service");
        try {
            String admin = LocalStackExtension.adminToken();
            String q = create(admin, "quota-submitter", "submitter", team);
            String other = create(admin, "other-submitter", "submitter", "e2e-other-" + UUID.randomUUID().toString().substring(0, 8));
            String first = submit(q, Projects.named("invoicing")).get("id").asText();

            HttpResponse<String> refused = post(q, Projects.named("invoicing"));
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(refused.body());
            assertTrue(problem.path("type").asText().endsWith("quota-exceeded"), problem.toString());
            assertTrue(problem.path("detail").asText().contains(team), problem.toString());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");

            String others = submit(other, Projects.named("invoicing")).get("id").asText();
            cancelAndAwait(other, others);
            cancelAndAwait(q, first);
            String again = submit(q, Projects.named("invoicing")).get("id").asText();
            cancelAndAwait(q, again);
        } finally {
            LocalStackExtension.run(Map.of(), "down", "planner-service");
            LocalStackExtension.run(Map.of(), "up", "planner-service");
        }
    }

    private void cancelAndAwait(String token, String id) throws Exception {
        HttpResponse<String> c = send("POST", planner + "/jobs/" + id + "/cancel", token, null, null);
        assertTrue(c.statusCode() == 202 || c.statusCode() == 409, "cancel " + id + ": " + c.body());
        for (int i = 0; i < 240; i++) {
            if (JSON.readTree(send("GET", planner + "/jobs/" + id, token, null, null).body()).hasNonNull("outcome")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + " did not end within 2 minutes of its cancellation");
    }

    private String create(String admin, String name, String role, String team) throws Exception {
        return createFull(admin, name, role, team).get("token").asText();
    }

    private JsonNode createFull(String admin, String name, String role, String team) throws Exception {
        HttpResponse<String> r = send("POST", planner + "/auth/tokens", admin, "application/json",
                JSON.writeValueAsString(Map.of("name", name, "role", role, "team", team, "expiresInDays", 1)));
        assertEquals(201, r.statusCode(), "create token: " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode submit(String token, Path project) throws Exception {
        HttpResponse<String> r = post(token, project);
        assertEquals(202, r.statusCode(), "submit: " + r.body());
        return JSON.readTree(r.body());
    }

    /** {@code POST /jobs} of the project as a bundle (multipart), answered as it is. */
    private HttpResponse<String> post(String token, Path project) throws Exception {
        Path work = Files.createTempDirectory("pavu-e2e-auth");
        ResolvedSource src = GitSources.snapshot(project, work);
        String boundary = "pavu-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String job = JSON.writeValueAsString(Map.of("task", "make the failing tests pass",
                "budget", Map.of("maxIterations", 1, "maxCandidates", 5, "candidateTimeoutMs", 120_000, "jobTimeoutMs", 600_000)));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"job\"\r\nContent-Type: application/json\r\n\r\n"
                + job + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"s.bundle\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(src.bundle()));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(planner + "/jobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitBundle(String token, String id) throws Exception {
        JsonNode job = null;
        for (int i = 0; i < 240; i++) {
            job = JSON.readTree(send("GET", planner + "/jobs/" + id, token, null, null).body());
            if (job.path("source").path("bundleSha").isTextual() || job.hasNonNull("outcome")) {
                return job;
            }
            Thread.sleep(500);
        }
        return job;
    }

    /** @return the candidate id of the job's first verdict within 4 minutes, or null */
    private String awaitCandidate(String token, String id) throws Exception {
        for (int i = 0; i < 240; i++) {
            JsonNode events = JSON.readTree(send("GET", planner + "/jobs/" + id + "/events", token, null, null).body());
            List<String> ids = new ArrayList<>();
            events.forEach(e -> {
                if (e.path("type").asText().startsWith("pavu.verdict.issued")) {
                    ids.add(e.path("payload").path("candidateId").asText());
                }
            });
            if (!ids.isEmpty() && !ids.get(0).isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(1000);
        }
        return null;
    }

    private HttpResponse<String> send(String method, String url, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String service(String env, int port) {
        String v = System.getenv(env);
        return v != null && !v.isBlank() ? v : "http://localhost:" + port;
    }
}
