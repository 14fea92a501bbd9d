package dev.pavu.planner.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the model gateway on a free loopback port: {@code GET /v1/models} lists {@code coder}
 * (capability 0.8) and {@code reasoner} (0.9); {@code POST /v1/chat/completions} answers every call with
 * {@link #EXPLORATION}. Points {@code quarkus.rest-client.gateway.url} at itself (a global test resource: every planner
 * test talks to it). While a test sets {@link #hold}, a chat call releases {@link #ARRIVED} and holds its answer until
 * the test releases {@link #RELEASE} (at most 45 s). Requests are served on a pool, so a held answer holds no other call.
 */
public class FakeGateway implements QuarkusTestResourceLifecycleManager {

    /** The planner model's answer. */
    static final String EXPLORATION = "median() sorts a copy and averages the two middle values of an even-length array, "
            + "but divides their sum by 3. STRATEGY: REPAIR — divide by 2.";

    /** Chat request bodies received. */
    static final List<String> CHATS = new CopyOnWriteArrayList<>();
    /** The {@code X-Pavu-Team} header of each chat request ("" when absent). */
    static final List<String> TEAMS = new CopyOnWriteArrayList<>();

    /** While true, chat answers wait for {@link #RELEASE}. */
    static volatile boolean hold;
    /** One permit per chat call that reached the gateway while {@link #hold}. */
    static final Semaphore ARRIVED = new Semaphore(0);
    /** One permit lets one held answer go. */
    static final Semaphore RELEASE = new Semaphore(0);

    private HttpServer server;
    private ExecutorService pool;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/v1/models", ex -> send(ex, 200, """
                {"object":"list","data":[
                  {"id":"coder","object":"model","backends":[{"id":"ollama:x#q","capability":0.8,"circuit":"CLOSED"}]},
                  {"id":"reasoner","object":"model","backends":[{"id":"openai:y#r","capability":0.9,"circuit":"CLOSED"}]}]}"""));
        server.createContext("/v1/usage", ex -> { // the team the planner named, echoed, with a fixed use
            String team = ex.getRequestHeaders().getFirst("X-Pavu-Team");
            send(ex, 200, "{\"team\":\"" + team + "\",\"usedTokens\":1234,\"limitTokens\":100000,"
                    + "\"periodStart\":\"2026-12-06T00:00:00Z\",\"periodEnd\":\"2026-12-07T00:00:00Z\"}");
        });
        server.createContext("/v1/chat/completions", ex -> {
            String team = ex.getRequestHeaders().getFirst("X-Pavu-Team");
            TEAMS.add(team == null ? "" : team);
            CHATS.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hold) {
                ARRIVED.release();
                try {
                    RELEASE.tryAcquire(45, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(ex, 200, """
                    {"id":"chatcmpl-1","object":"chat.completion","model":"reasoner",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":300,"completion_tokens":40,"total_tokens":340}}""".formatted(EXPLORATION));
        });
        server.start();
        return Map.of("quarkus.rest-client.gateway.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        RELEASE.release(100);
        if (server != null) {
            server.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
