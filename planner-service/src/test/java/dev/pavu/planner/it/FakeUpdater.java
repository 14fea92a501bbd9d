package dev.pavu.planner.it;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the updater's audit API ({@code GET /audit/jobs/{id}/events?after=N}) on a free loopback
 * port: every job has two entries, seq 1 JobSubmitted and seq 2 JobConcluded.
 */
public class FakeUpdater implements QuarkusTestResourceLifecycleManager {

    private static final Pattern PATH = Pattern.compile("^/audit/jobs/([0-9a-f-]{36})/events$");
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.updater.url", "http://127.0.0.1:" + server.getAddress().getPort());
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
