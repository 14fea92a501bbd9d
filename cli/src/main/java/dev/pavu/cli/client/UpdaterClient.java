package dev.pavu.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The updater's dead-letter API ({@code /dead-letters}), which {@code pavu dlq} speaks to: an operator's view of what
 * the consumers gave up on; a job's audit hash chain ({@code /audit/jobs/{id}/verify|prune}, {@code pavu audit}); and
 * a commit's code graph ({@code /graph/{sha}…}, {@code pavu graph}). Answers are read leniently as JSON trees.
 *
 * <p>Errors: an unreachable updater → {@link CliException} with exit code 2; an HTTP error → {@link PlannerException}
 * (the CLI's "the service answered a problem" error) carrying the updater's own explanation ({@code detail}).
 */
public class UpdaterClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http;
    private final String token;

    /**
     * @param baseUrl the updater's base URL, e.g. {@code http://localhost:8084} (no trailing slash)
     * @param token   an admin's token, sent as {@code Authorization: Bearer …}, or {@code null} for none
     */
    public UpdaterClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * {@code GET /dead-letters}.
     *
     * @param jobId    only this job's, or {@code null}
     * @param consumer only this service's or consumer group's, or {@code null}
     * @param limit    at most this many, or {@code null} for the updater's default
     * @return a JSON array of dead letters
     */
    public JsonNode list(String jobId, String consumer, Integer limit) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(java.util.Map.of(
                "jobId", jobId == null ? "" : jobId, "consumer", consumer == null ? "" : consumer,
                "limit", limit == null ? "" : limit.toString())).entrySet()) {
            if (!e.getValue().isBlank()) {
                q.append(q.isEmpty() ? "?" : "&").append(e.getKey()).append('=').append(enc(e.getValue()));
            }
        }
        return json(send(request("/dead-letters" + q).GET().build(), "list dead letters"));
    }

    /**
     * {@code GET /dead-letters/{id}}.
     *
     * @param id a dead letter's id
     * @return it
     */
    public JsonNode show(String id) {
        return json(send(request("/dead-letters/" + enc(id)).GET().build(), "show dead letter " + id));
    }

    /**
     * {@code POST /dead-letters/{id}/replay}.
     *
     * @param id a dead letter's id
     * @param by who replays it (recorded)
     * @return the dead letter, now replayed
     * @throws PlannerException 409 when it was replayed before (the message says when and by whom)
     */
    public JsonNode replay(String id, String by) {
        HttpRequest req = request("/dead-letters/" + enc(id) + "/replay").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("by", by)), StandardCharsets.UTF_8)).build();
        return json(send(req, "replay dead letter " + id));
    }

    /**
     * {@code GET /audit/jobs/{id}/verify}: recomputes the job's audit hash chain.
     *
     * @param jobId a job id
     * @return the verification ({@code intact}, {@code summary}, {@code problem}, {@code gaps})
     * @throws PlannerException 404 when the updater has nothing of the job or the caller's team does not own it
     */
    public JsonNode verify(String jobId) {
        return json(send(request("/audit/jobs/" + enc(jobId) + "/verify").GET().build(), "verify the audit chain of job " + jobId));
    }

    /**
     * {@code POST /audit/jobs/{id}/prune} (an admin's explicit action; leaves its record in the chain).
     *
     * @param jobId   a job id
     * @param through last chain position to remove, or {@code null} for all
     * @param reason  why (recorded), or {@code null}
     * @return the verification after the prune
     */
    public JsonNode prune(String jobId, Long through, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (through != null) {
            body.put("through", through);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        HttpRequest req = request("/audit/jobs/" + enc(jobId) + "/prune").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build();
        return json(send(req, "prune the audit chain of job " + jobId));
    }

    /**
     * {@code GET /graph/{sha}}: a commit's code graph, its status and counts.
     *
     * @param sha a commit id or a unique prefix (7+ hex digits)
     * @return {@code {commit, status, reason, symbols{KIND: n}, edges{KIND: n}, files{…}, calls{…}, buildMs, …}}
     * @throws PlannerException 404 when the caller's team has no graph of that commit
     */
    public JsonNode graph(String sha) {
        return json(send(request("/graph/" + enc(sha)).GET().build(), "read the code graph of " + sha));
    }

    /**
     * {@code GET /graph/{sha}/symbols?q=&kind=&limit=}.
     *
     * @param sha   a commit id or unique prefix
     * @param q     words of the names to find
     * @param kind  TYPE, METHOD, CONSTRUCTOR or FIELD, or {@code null}
     * @param limit at most this many, or {@code null} for the updater's default (50)
     * @return a JSON array of symbols
     * @throws PlannerException 409 when the graph is not READY (the message says why)
     */
    public JsonNode graphSymbols(String sha, String q, String kind, Integer limit) {
        StringBuilder query = new StringBuilder("?q=").append(enc(q));
        if (kind != null) {
            query.append("&kind=").append(enc(kind));
        }
        if (limit != null) {
            query.append("&limit=").append(limit);
        }
        return json(send(request("/graph/" + enc(sha) + "/symbols" + query).GET().build(),
                "search the code graph of " + sha));
    }

    /**
     * {@code GET /graph/{sha}/{what}/{subject}}: {@code owners-of}, {@code callers}, {@code callees} or
     * {@code tests-reaching}.
     *
     * @param sha     a commit id or unique prefix
     * @param what    the question
     * @param subject a member name (owners-of) or a method reference ({@code pkg.Type.method},
     *                {@code pkg.Type.method(Type, …)} or a name)
     * @return the JSON array answered
     * @throws PlannerException 404 for an unknown method or graph, 409 when the graph is not READY
     */
    public JsonNode graphQuery(String sha, String what, String subject) {
        return json(send(request("/graph/" + enc(sha) + "/" + what + "/" + enc(subject)).GET().build(),
                "ask the code graph of " + sha + " for " + what + " " + subject));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        return token == null || token.isBlank() ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest req, String what) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("cannot reach the updater at " + baseUrl + " to " + what + ": start the stack with "
                    + "`pavu up` (or point --updater / PAVU_UPDATER_URL at a running updater)", CliException.USAGE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted while trying to " + what);
        }
        if (r.statusCode() >= 400) {
            throw new PlannerException(r.statusCode(), "cannot " + what + ": the updater answered " + r.statusCode()
                    + " — " + PlannerClient.detail(r.body()));
        }
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw CliException.failed("the updater's answer is not JSON: " + PlannerClient.detail(r.body()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
