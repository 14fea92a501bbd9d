package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A thin client of the planner's jobs API, as a user's script would use it. */
final class PlannerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base = LocalStackExtension.plannerUrl();

    /** Snapshots a project folder into a git bundle and submits it as multipart/form-data. */
    JsonNode submitProject(Path project, Map<String, Object> job) throws Exception {
        Path work = Files.createTempDirectory("pavu-e2e-bundle");
        ResolvedSource src = GitSources.snapshot(project, work);
        String boundary = "pavu-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "job", null, "application/json", JSON.writeValueAsBytes(job));
        part(body, boundary, "bundle", "source.bundle", "application/octet-stream", Files.readAllBytes(src.bundle()));
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + "/jobs")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return accepted(http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    /** Submits a git bundle file as it is (multipart/form-data), e.g. one a test built object by object. */
    HttpResponse<String> postBundle(Path bundle, Map<String, Object> job) throws Exception {
        String boundary = "pavu-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "job", null, "application/json", JSON.writeValueAsBytes(job));
        part(body, boundary, "bundle", "source.bundle", "application/octet-stream", Files.readAllBytes(bundle));
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    /** {@code POST /jobs} with any body, answered as it is (status and body), for tests of refusals. */
    HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        // HTTP/1.1: a refusal answered while the body is still being sent is then read as the answer it is
        return http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + "/jobs"))).version(HttpClient.Version.HTTP_1_1)
                        .header("Content-Type", contentType).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return {@code POST /jobs} answered 202/201: the accepted job's JSON */
    static JsonNode acceptedJob(HttpResponse<String> r) throws IOException {
        return accepted(r);
    }

    /** Submits a job as JSON (a git URL source). */
    JsonNode submitJson(Map<String, Object> job) throws Exception {
        HttpRequest req = LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + "/jobs")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(job))).build();
        return accepted(http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a JSON job and returns the raw answer, whatever its status (for refusals). */
    HttpResponse<String> postJson(Map<String, Object> job) throws Exception {
        HttpRequest req = LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + "/jobs")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(job))).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code GET /jobs/{id}} until the job has an outcome or the timeout passes. */
    JsonNode awaitConclusion(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = get("/jobs/" + id);
            if (job.hasNonNull("outcome") && !job.get("outcome").asText().isEmpty()) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + " did not conclude within " + timeout + "; last view: " + job);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + path))).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String patch(String id) throws Exception {
        HttpResponse<String> r = http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/patch"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /jobs/" + id + "/patch answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static JsonNode accepted(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 202 && r.statusCode() != 201) {
            throw new AssertionError("POST /jobs answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type, byte[] content)
            throws IOException {
        StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) {
            h.append("; filename=\"").append(filename).append('"');
        }
        h.append("\r\nContent-Type: ").append(type).append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
