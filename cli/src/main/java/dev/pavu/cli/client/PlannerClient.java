package dev.pavu.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The planner's jobs API, the only thing the CLI talks to. JSON answers are read leniently (as trees;
 * unknown fields are ignored) so that small changes of the planner's views do not break the CLI.
 *
 * <p>Errors: an unreachable planner → {@link CliException} with exit code 2 and a hint to run {@code pavu up};
 * an HTTP error → {@link PlannerException} carrying the planner's own explanation.
 */
public class PlannerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    /** How long a replay may take: one verification, up to a candidate's limit, and a margin. */
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(16);

    private final String baseUrl;
    private final HttpClient http;
    private final String token;

    /** @param baseUrl the planner's base URL, e.g. {@code http://localhost:8081} (no trailing slash) */
    public PlannerClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param baseUrl the planner's base URL (no trailing slash)
     * @param token   the token sent as {@code Authorization: Bearer …}, or {@code null} for none
     */
    public PlannerClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** @return the planner's base URL */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@code POST /jobs} with a JSON body (a git URL source).
     *
     * @param body {@code {source:{gitUrl, ref}, task, testCommand, budget:{…}}}
     * @return the accepted job's view (has {@code id})
     */
    public JsonNode submitJson(Map<String, Object> body) {
        HttpRequest req = request("/jobs").header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build();
        return accepted(send(req, "submit the job"));
    }

    /**
     * {@code POST /jobs} as {@code multipart/form-data}: a {@code job} JSON part and a {@code bundle} file part.
     *
     * @param job    {@code {task, testCommand, budget:{…}}}
     * @param bundle the git bundle to upload
     * @return the accepted job's view (has {@code id})
     */
    public JsonNode submitBundle(Map<String, Object> job, Path bundle) {
        Multipart body = new Multipart().text("job", "application/json", Json.write(job));
        try {
            body.file("bundle", "source.bundle", "application/octet-stream", bundle);
        } catch (IOException e) {
            throw CliException.failed("cannot read the bundle " + bundle + ": " + e.getMessage());
        }
        HttpRequest req = request("/jobs").header("Content-Type", body.contentType())
                .header("Accept", "application/json").POST(body.publisher()).build();
        return accepted(send(req, "submit the job"));
    }

    /**
     * @param id job id
     * @return {@code GET /jobs/{id}}: id, state, outcome, reason, iterations, counts, durationMs, …
     */
    public JsonNode job(String id) {
        return json(get("/jobs/" + seg(id), "application/json", "get job " + id));
    }

    /** @return {@code GET /jobs}: the jobs, newest first as the planner orders them */
    public JsonNode jobs() {
        return json(get("/jobs", "application/json", "list the jobs"));
    }

    /**
     * @param id job id
     * @return the verified patch ({@code GET /jobs/{id}/patch}, a unified diff), or empty when the job has none
     */
    public Optional<String> patch(String id) {
        HttpResponse<String> r = send(request("/jobs/" + seg(id) + "/patch").header("Accept", "text/x-diff, text/plain, */*")
                .GET().build(), "get the patch of job " + id, status -> status == 404 || status == 204 || status == 409);
        if (r.statusCode() != 200) {
            return Optional.empty();
        }
        return Optional.of(r.body());
    }

    /**
     * @param since an ISO-8601 instant or a period back from now ({@code 7d}, {@code 24h}); {@code null} = 7 days
     * @return {@code GET /stats/summary}: jobs, byOutcome, successRate, timeToPatchMs, candidatesPerJob,
     *         topFailureKinds, topPatterns
     * @throws PlannerException when the planner refuses (400 for a malformed {@code since}, 403 for a non-admin)
     */
    public JsonNode stats(String since) {
        String q = since == null ? "" : "?since=" + java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8);
        return json(get("/stats/summary" + q, "application/json", "get the summary"));
    }

    /**
     * @param id job id
     * @return {@code GET /jobs/{id}/report}: the job's report as Markdown
     * @throws PlannerException when the planner does not know the job (404) or fails
     */
    public String report(String id) {
        return get("/jobs/" + seg(id) + "/report", "text/markdown, text/plain;q=0.5", "get the report of job " + id).body();
    }

    /**
     * @param id    job id
     * @param after only events after this {@code seq} (a hint; the caller still de-duplicates)
     * @return {@code GET /jobs/{id}/events}: JSON array of {seq, eventId, type, jobId, iteration, occurredAt, producer, payload}
     */
    public JsonNode events(String id, long after) {
        String q = after > 0 ? "?after=" + after : "";
        JsonNode n = json(get("/jobs/" + seg(id) + "/events" + q, "application/json", "get the events of job " + id));
        return Json.array(n, "events", "items");
    }

    /**
     * {@code POST /jobs/{id}/cancel}.
     *
     * @param id job id
     * @return the planner's answer (a job view), or a missing node when it answered without a body
     */
    public JsonNode cancel(String id) {
        HttpResponse<String> r = send(request("/jobs/" + seg(id) + "/cancel").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), "cancel job " + id);
        return r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : json(r);
    }

    /**
     * {@code POST /jobs/{id}/replay?verifyOnly=true}: the job's final patch verified again and compared with the
     * recorded verdict. Waits up to {@link #REPLAY_TIMEOUT} (one verification).
     *
     * @param id job id
     * @return the planner's report: {@code {identical, differences:[…], recorded:{…}, replayed:{…}, patchSha256, …}}
     */
    public JsonNode replayVerifyOnly(String id) {
        HttpRequest req = authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + seg(id) + "/replay?verifyOnly=true"))
                .timeout(REPLAY_TIMEOUT)).header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
        return json(send(req, "replay job " + id));
    }

    /**
     * Opens {@code GET /jobs/{id}/events} with {@code Accept: text/event-stream} and hands every event to
     * {@code onEvent} until the stream ends or {@code onEvent} returns false.
     *
     * @param id          job id
     * @param after       resume after this {@code seq} ({@code ?after=}; 0 for the whole history)
     * @param lastEventId sent as {@code Last-Event-ID} to resume, or {@code null}
     * @param onEvent     receives each event; return false to stop
     * @return {@code null} when the planner streamed; else the body of a non-stream answer (a JSON list), so
     *         the caller can fall back to polling
     */
    public String stream(String id, long after, String lastEventId, Predicate<SseEvent> onEvent) {
        String q = after > 0 ? "?after=" + after : "";
        HttpRequest.Builder b = authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + seg(id) + "/events" + q)))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw transport(e, "stream the events of job " + id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        try (Stream<String> lines = r.body()) {
            if (r.statusCode() >= 400) {
                throw error(r.statusCode(), String.join("\n", lines.limit(50).toList()), "stream the events of job " + id);
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                return String.join("\n", lines.toList());
            }
            readSse(lines.iterator(), onEvent);
            return null;
        } catch (UncheckedIOException e) {
            // the connection dropped mid-stream: the caller reconnects
            return null;
        }
    }

    /**
     * Parses an SSE stream (WHATWG rules: {@code field: value} lines, a blank line ends an event, lines starting
     * with {@code :} are comments).
     *
     * @param lines   the stream's lines
     * @param onEvent receives each event; return false to stop
     */
    static void readSse(Iterator<String> lines, Predicate<SseEvent> onEvent) {
        StringBuilder data = null;
        String id = null;
        String name = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null && !onEvent.test(new SseEvent(id, name == null ? "message" : name, data.toString()))) {
                    return;
                }
                data = null;
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> id = value;
                case "event" -> name = value;
                default -> {
                    // retry and unknown fields are ignored
                }
            }
        }
        if (data != null) {
            onEvent.test(new SseEvent(id, name == null ? "message" : name, data.toString()));
        }
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /**
     * A JSON call of the auth API ({@code /auth/…}).
     *
     * @param method {@code GET}, {@code POST} or {@code DELETE}
     * @param path   e.g. {@code /auth/tokens}
     * @param body   a JSON body (POST), or {@code null}
     * @param what   what the call does, for messages ("list tokens")
     * @return the JSON answer
     */
    public JsonNode auth(String method, String path, Object body, String what) {
        HttpRequest.Builder b = request(path).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return json(send(b.build(), what));
    }

    private HttpResponse<String> get(String path, String accept, String what) {
        return send(request(path).header("Accept", accept).GET().build(), what);
    }

    private HttpResponse<String> send(HttpRequest req, String what) {
        return send(req, what, status -> false);
    }

    private HttpResponse<String> send(HttpRequest req, String what, Predicate<Integer> tolerated) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw transport(e, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted while trying to " + what);
        }
        if (r.statusCode() >= 400 && !tolerated.test(r.statusCode())) {
            throw error(r.statusCode(), r.body(), what);
        }
        return r;
    }

    private CliException transport(IOException e, String what) {
        boolean refused = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException;
        if (refused) {
            return new CliException("cannot reach the planner at " + baseUrl + ": start the stack with `pavu up`"
                    + " (or point --planner / PAVU_PLANNER_URL at a running planner)", CliException.USAGE, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException("the planner at " + baseUrl + " did not answer in time to " + what, CliException.USAGE, e);
        }
        return new CliException("lost the connection to the planner at " + baseUrl + " while trying to " + what + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), CliException.USAGE, e);
    }

    private static PlannerException error(int status, String body, String what) {
        String hint = status == 401 ? " (give a token: pavu login, or env PAVU_TOKEN)" : "";
        return new PlannerException(status, "cannot " + what + ": the planner answered " + status + " — " + detail(body) + hint);
    }

    /** @return the planner's explanation: {@code detail}, {@code message}, {@code error} or {@code title} of a JSON body, else the text */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "(no explanation)";
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            for (String f : new String[]{"detail", "message", "error", "title"}) {
                if (n != null && n.hasNonNull(f) && !n.get(f).asText().isBlank()) {
                    return n.get(f).asText();
                }
            }
        } catch (JsonProcessingException ignored) {
            // not JSON: show the text
        }
        String s = body.strip();
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    private JsonNode accepted(HttpResponse<String> r) {
        JsonNode n = json(r);
        if (Json.text(n, "id") == null && Json.text(n, "jobId") == null) {
            throw CliException.failed("the planner accepted the job but its answer names no job id: " + r.body());
        }
        return n;
    }

    private JsonNode json(HttpResponse<String> r) {
        try {
            JsonNode n = Json.MAPPER.readTree(r.body());
            return n == null ? MissingNode.getInstance() : n;
        } catch (JsonProcessingException e) {
            throw CliException.failed("the planner's answer to " + r.request().method() + " " + r.request().uri().getPath()
                    + " is not JSON: " + detail(r.body()));
        }
    }

    private static String seg(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
