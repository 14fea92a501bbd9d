package dev.pavu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A planner played by the test: the jobs API of one job whose events are revealed one per
 * {@code GET /jobs/{id}/events} call; the job concludes once every event was revealed. Records every request.
 */
final class FakePlanner implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A request the fake received. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    final String jobId = UUID.randomUUID().toString();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final List<ObjectNode> events = new ArrayList<>();
    private final AtomicInteger revealed = new AtomicInteger();
    private final HttpServer server;

    String outcome = "SUCCEEDED";
    String reason = "a plausible patch passes all 12 tests";
    String patch = """
            --- a/src/main/java/com/acme/VolumeDiscount.java
            +++ b/src/main/java/com/acme/VolumeDiscount.java
            @@ -14 +14 @@
            -        if (units > 10) {
            +        if (units >= 10) {
            """;
    String report = "# Pavu job report `x`\n\n## Patch\n\n```diff\n-a\n+b\n```\n";
    int candidatesTried = 3;
    long durationMs = 4200;
    /** Status and body {@code POST /jobs} answers with; 202 and a job view by default. */
    int submitStatus = 202;
    /** Events per SSE connection before it is dropped; 0 = all. */
    int sseChunk;
    String submitBody;
    /** The job's source as the view shows it ({@code git} or {@code bundle}, resolved commit); none when null. */
    String sourceKind;
    String sourceCommit;
    /** The job's result branch as the view shows it (PUSHED once concluded); none when null. */
    String resultBranch;
    final String resultCommit = "0f9ca56d486a53bd0f83c9711d265dd69a140d5e";

    FakePlanner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds the events of a typical job: submitted, baseline, one failing and one passing candidate, concluded. */
    FakePlanner typicalStory() {
        event("pavu.job.submitted.v1", 0, Map.of("task", Map.of("text", "make the failing tests pass"), "source", Map.of("kind", "bundle")));
        event("pavu.plan.proposed.v1", 0, Map.of("kind", "BASELINE"));
        event("pavu.diff.proposed.v1", 0, Map.of("diff", "", "pattern", "empty-patch", "candidateIndex", 0));
        event("pavu.verdict.issued.v1", 0, Map.of("verdict", "FAIL", "reason", "1 of 12 tests failed: InvoiceTest#bulk", "diff", "", "durationMs", 6100));
        event("pavu.plan.proposed.v1", 1, Map.of("kind", "REPAIR", "locations",
                List.of(Map.of("file", "src/main/java/com/acme/VolumeDiscount.java", "line", 14, "score", 0.92)),
                "failingTests", List.of(Map.of("testId", "InvoiceTest#bulk"))));
        event("pavu.diff.proposed.v1", 1, Map.of("diff", "x", "pattern", "relational-operator-replacement",
                "description", "VolumeDiscount.java:14 replace > with >=", "candidateIndex", 0));
        event("pavu.candidates.proposed.v1", 1, Map.of("candidateCount", 2, "rejectedCount", 1, "note", "2 candidates from 2 patterns"));
        event("pavu.verdict.issued.v1", 1, Map.of("verdict", "FAIL", "pattern", "off-by-one", "reason", "2 of 12 tests failed", "diff", "y", "durationMs", 3400));
        event("pavu.verdict.issued.v1", 1, Map.of("verdict", outcome.equals("SUCCEEDED") ? "PASS" : "FAIL",
                "pattern", "relational-operator-replacement", "reason", "all 12 tests passed", "diff", "x", "durationMs", 3300));
        Map<String, Object> concluded = new LinkedHashMap<>();
        concluded.put("outcome", outcome);
        concluded.put("reason", reason);
        concluded.put("patch", outcome.equals("SUCCEEDED") ? patch : null);
        concluded.put("candidatesTried", candidatesTried);
        concluded.put("durationMs", durationMs);
        event("pavu.job.concluded.v1", 1, concluded);
        return this;
    }

    void event(String type, int iteration, Map<String, Object> payload) {
        ObjectNode e = JSON.createObjectNode();
        String eventId = UUID.randomUUID().toString();
        String at = Instant.parse("2026-11-22T10:00:00Z").plusSeconds(events.size()).toString();
        e.put("seq", 100 + events.size());
        e.put("eventId", eventId);
        e.put("type", type);
        e.put("jobId", jobId);
        e.put("iteration", iteration);
        e.put("occurredAt", at);
        e.put("producer", "test");
        ObjectNode p = JSON.valueToTree(payload);
        p.set("envelope", JSON.valueToTree(Map.of("eventId", eventId, "type", type, "jobId", jobId, "iteration", iteration,
                "occurredAt", at, "producer", "test")));
        e.set("payload", p);
        events.add(e);
    }

    /** Reveals every event at once (the job is concluded from the start). */
    FakePlanner concludedAlready() {
        revealed.set(events.size());
        return this;
    }

    List<Request> requests(String method, String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        }
    }

    private boolean concluded() {
        return revealed.get() >= events.size();
    }

    private ObjectNode view() {
        ObjectNode v = JSON.createObjectNode();
        v.put("id", jobId);
        v.put("state", concluded() ? "CONCLUDED" : "RUNNING");
        if (concluded()) {
            v.put("outcome", outcome);
            v.put("reason", reason);
            v.put("candidatesVerified", candidatesTried);
            v.put("durationMs", durationMs);
        } else {
            v.putNull("outcome");
        }
        v.put("iterations", 1);
        v.put("candidatesProposed", 2);
        v.put("task", "make the failing tests pass");
        v.put("someNewField", "ignored by the CLI");
        if (resultBranch != null) {
            ObjectNode rb = v.putObject("resultBranch");
            rb.put("name", resultBranch);
            rb.put("credential", "bot");
            rb.put("state", concluded() ? "PUSHED" : "REQUESTED");
            rb.put("commit", concluded() ? resultCommit : null);
        }
        if (sourceKind != null) {
            ObjectNode source = v.putObject("source");
            source.put("kind", sourceKind);
            source.put("commit", sourceCommit);
        }
        return v;
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        requests.add(new Request(x.getRequestMethod(), path, x.getRequestURI().getQuery(), Map.copyOf(x.getRequestHeaders()), body));
        String base = "/jobs/" + jobId;
        try {
            switch (x.getRequestMethod() + " " + path) {
                case "POST /jobs" -> send(x, submitStatus, "application/json",
                        submitBody != null ? submitBody : JSON.writeValueAsString(Map.of("id", jobId, "state", "SUBMITTED")));
                case "GET /jobs" -> send(x, 200, "application/json", JSON.writeValueAsString(List.of(view())));
                case "GET /stats/summary" -> send(x, 200, "application/json", """
                        {"since":"2026-11-29T12:00:00Z","until":"2026-12-06T12:00:00Z","jobs":9,
                         "byOutcome":{"SUCCEEDED":6,"EXHAUSTED":1,"FAILED":1,"CANCELLED":0,"RUNNING":1},"successRate":0.75,
                         "timeToPatchMs":{"median":15800.0,"mean":22100.0,"p90":61000.0},
                         "candidatesPerJob":{"median":1.0,"mean":4.25,"p90":12.0},
                         "topFailureKinds":[{"name":"AssertionFailedError","jobs":6,"succeeded":5}],
                         "topPatterns":[{"name":"relational-operator-replacement","jobs":3,"succeeded":3},
                                        {"name":"off-by-one","jobs":2,"succeeded":2}]}""");
                default -> {
                    if (path.equals(base) && x.getRequestMethod().equals("GET")) {
                        send(x, 200, "application/json", JSON.writeValueAsString(view()));
                    } else if (path.equals(base + "/events")) {
                        events(x);
                    } else if (path.equals(base + "/report")) {
                        send(x, 200, "text/markdown;charset=UTF-8", report);
                    } else if (path.equals(base + "/patch")) {
                        if (concluded() && outcome.equals("SUCCEEDED")) {
                            send(x, 200, "text/x-diff", patch);
                        } else {
                            send(x, 404, "application/json", "{\"status\":404,\"detail\":\"job has no patch\"}");
                        }
                    } else if (path.equals(base + "/cancel") && x.getRequestMethod().equals("POST")) {
                        ObjectNode v = view();
                        v.put("state", "CANCELLING");
                        send(x, 202, "application/json", JSON.writeValueAsString(v));
                    } else {
                        send(x, 404, "application/json", "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no job " + path + "\"}");
                    }
                }
            }
        } finally {
            x.close();
        }
    }

    private void events(HttpExchange x) throws IOException {
        String accept = x.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            String query = x.getRequestURI().getQuery();
            long after = query != null && query.startsWith("after=") ? Long.parseLong(query.substring(6)) : 0;
            int sent = 0;
            try (OutputStream out = x.getResponseBody()) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    if (e.get("seq").asLong() <= after) {
                        continue;
                    }
                    if (sseChunk > 0 && sent == sseChunk) {
                        break; // the connection drops here: the client reconnects with after=<last seq>
                    }
                    // Quarkus writes "data:" without a space and no id: the client must cope with both forms
                    String sse = "data:" + JSON.writeValueAsString(e) + "\n\n";
                    out.write(sse.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sent++;
                    revealed.set(Math.max(revealed.get(), i + 1));
                }
            }
            return;
        }
        int n = Math.min(events.size(), revealed.incrementAndGet());
        ArrayNode list = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            list.add(events.get(i)); // the whole list every time: the CLI de-duplicates
        }
        send(x, 200, "application/json", JSON.writeValueAsString(list));
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
