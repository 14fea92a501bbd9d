package dev.pavu.planner.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the updater's audit API ({@code GET /audit/jobs/{id}/events?after=N}) on a free loopback
 * port: every job has two entries, seq 1 JobSubmitted and seq 2 JobConcluded, unless a test scripted the job's
 * log with {@code POST /script/jobs/{id}/events} (body: the JSON array of entries, each with its {@code seq}).
 * Scripting goes over HTTP because a test class and this resource may live in different class loaders.
 */
public class FakeUpdater implements QuarkusTestResourceLifecycleManager {

    private static final Pattern PATH = Pattern.compile("^/audit/jobs/([0-9a-f-]{36})/events$");
    private static final Pattern SCRIPT = Pattern.compile("^/script/jobs/([0-9a-f-]{36})/events$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ArrayNode> scripted = new ConcurrentHashMap<>();
    private HttpServer server;

    /**
     * Replaces the audit log of one job (from a test).
     *
     * @param updaterUrl the fake's URL ({@code quarkus.rest-client.updater.url})
     * @param jobId      the job
     * @param entries    the JSON array of audit entries
     */
    public static void script(String updaterUrl, String jobId, String entries) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(updaterUrl + "/script/jobs/" + jobId + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(entries)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("scripting the fake updater failed: " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/script/", exchange -> {
            Matcher m = SCRIPT.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            scripted.put(m.group(1), (ArrayNode) JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/audit/", exchange -> {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            String query = exchange.getRequestURI().getQuery();
            long after = query != null && query.startsWith("after=") ? Long.parseLong(query.substring(6)) : 0;
            if (!m.matches()) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String job = m.group(1);
            ArrayNode script = scripted.get(job);
            if (script != null) {
                ArrayNode page = JSON.createArrayNode();
                for (JsonNode e : script) {
                    if (e.path("seq").asLong() > after) {
                        page.add(e);
                    }
                }
                send(exchange, JSON.writeValueAsBytes(page));
                return;
            }
            StringBuilder body = new StringBuilder("[");
            if (after < 1) {
                body.append(entry(1, job, "pavu.job.submitted.v1", "pavu.jobs")).append(',');
            }
            if (after < 2) {
                body.append(entry(2, job, "pavu.job.concluded.v1", "pavu.jobs"));
            }
            if (body.charAt(body.length() - 1) == ',') {
                body.setLength(body.length() - 1);
            }
            body.append(']');
            send(exchange, body.toString().getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        return Map.of("quarkus.rest-client.updater.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String entry(long seq, String job, String type, String topic) {
        return """
                {"seq":%d,"eventId":"00000000-0000-0000-0000-00000000000%d","type":"%s","jobId":"%s","iteration":0,\
                "causationId":null,"occurredAt":"2026-01-01T00:00:0%dZ","producer":"planner-service","topic":"%s",\
                "payload":{"envelope":{"type":"%s"}}}""".formatted(seq, seq, type, job, seq, topic, type);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
