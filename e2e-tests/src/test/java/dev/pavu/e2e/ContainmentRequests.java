package dev.pavu.e2e;

import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The containment suite's hostile requests: git URLs that point at the host itself ({@code file://}, a local
 * path, loopback addresses, which must be refused with 400 before anything is fetched), a task text over its
 * size limit and an upload over the body limit (413). No request here sends traffic anywhere but the planner:
 * private and link-local addresses are only checked by the planner's unit tests.
 */
final class ContainmentRequests {

    private final PlannerClient planner;

    ContainmentRequests(PlannerClient planner) {
        this.planner = planner;
    }

    List<ContainmentSuite.Result> run() throws Exception {
        List<ContainmentSuite.Result> out = new ArrayList<>();
        String plannerPort = ContainmentSuite.env("PAVU_PLANNER_PORT", "8081");
        for (String url : List.of("file:///etc", "/etc", "http://127.0.0.1:" + plannerPort + "/sources/x.git",
                "http://localhost:" + ContainmentSuite.env("PAVU_PG_PORT", "55432") + "/x.git", "http://[::1]:9/x.git",
                "http://0.0.0.0:" + plannerPort + "/x.git", "http://127.1.2.3:9/x.git")) {
            byte[] body = ("{\"source\":{\"gitUrl\":\"" + url + "\",\"ref\":\"main\"},\"task\":\"make the failing tests pass\"}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = planner.post("application/json", HttpRequest.BodyPublishers.ofByteArray(body));
            out.add(new ContainmentSuite.Result("request: git URL " + url, r.statusCode() == 400,
                    "answered " + r.statusCode() + " " + excerpt(r.body())));
        }
        out.add(oversizedJsonTask());
        out.add(oversizedTask());
        out.add(oversizedUpload());
        return out;
    }

    /** A JSON job whose task text is 2 MiB (its URL never resolves: the size must be refused first). */
    private ContainmentSuite.Result oversizedJsonTask() throws Exception {
        String body = "{\"source\":{\"gitUrl\":\"https://pavu.invalid/x.git\"},\"task\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = planner.post("application/json", HttpRequest.BodyPublishers.ofString(body));
        return new ContainmentSuite.Result("request: a 2 MiB task text (JSON)", r.statusCode() == 413,
                "answered " + r.statusCode() + " " + excerpt(r.body()));
    }

    private ContainmentSuite.Result oversizedTask() throws Exception {
        Path work = Files.createTempDirectory("pavu-containment-task");
        try {
            ResolvedSource src = GitSources.snapshot(Projects.hostile("containment"), work);
            String task = "x".repeat(2 * 1024 * 1024);
            HttpResponse<String> r = planner.postBundle(src.bundle(), Map.of("task", task));
            return new ContainmentSuite.Result("request: a 2 MiB task text (multipart)", r.statusCode() == 413,
                    "answered " + r.statusCode() + " " + excerpt(r.body()));
        } finally {
            Projects.deleteQuietly(work);
        }
    }

    /** An upload of {@code PAVU_SECURITY_UPLOAD_MB} (default 220: over the planner's 200 MiB upload limit, under the HTTP layer's 256 MiB) MiB of zeros as the bundle: 413 expected. */
    private ContainmentSuite.Result oversizedUpload() {
        long mib = Long.parseLong(ContainmentSuite.env("PAVU_SECURITY_UPLOAD_MB", "220"));
        String boundary = "pavu-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"job\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"task\":\"make the failing tests pass\"}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"source.bundle\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + mib * 1024 * 1024 + tail.length;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                new SequenceInputStream(new ByteArrayInputStream(head), new SequenceInputStream(HostileRepos.zeros(mib * 1024 * 1024),
                        new ByteArrayInputStream(tail)))), length);
        String name = "request: a " + mib + " MiB upload";
        int jobsBefore = jobCount();
        try {
            HttpResponse<String> r = planner.post("multipart/form-data; boundary=" + boundary, body);
            return new ContainmentSuite.Result(name, r.statusCode() == 413, "answered " + r.statusCode() + " " + excerpt(r.body()));
        } catch (Exception e) {
            // the server may refuse and close the connection while the body is still being sent: contained when no job came of it
            int after = jobCount();
            return new ContainmentSuite.Result(name, after >= 0 && after == jobsBefore,
                    "connection closed before an answer (" + e.getMessage() + "); jobs before " + jobsBefore + ", after " + after);
        }
    }

    /** @return how many jobs {@code GET /jobs?limit=200} lists, or -1 when it cannot be read */
    private int jobCount() {
        try {
            return planner.get("/jobs?limit=200").size();
        } catch (Exception e) {
            return -1;
        }
    }

    static String excerpt(String body) {
        String s = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
