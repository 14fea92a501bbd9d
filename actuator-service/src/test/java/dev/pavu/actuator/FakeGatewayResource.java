package dev.pavu.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the model gateway's {@code POST /v1/chat/completions} (OpenAI shape, one choice): answers by the
 * alias asked for — {@code coder} with a search/replace block that rewrites {@code sumTo} of
 * {@link FakePlannerResource#BUGGY} as a formula, {@code coder-method} with the whole method in a fenced block,
 * anything else with 404 {@code model_not_found} as the real gateway does. Points
 * {@code quarkus.rest-client.gateway.url} at itself.
 */
public class FakeGatewayResource implements QuarkusTestResourceLifecycleManager {

    /** The answer of alias {@code coder}. */
    public static final String SEARCH_REPLACE = """
            The loop stops one short; the sum has a closed form.

            src/main/java/demo/Stats.java
            <<<<<<< SEARCH
                    int total = 0;
                    for (int i = 1; i < n; i++) {
                        total += i;
                    }
                    return total;
            =======
                    return n * (n + 1) / 2;
            >>>>>>> REPLACE
            """;

    /** The answer of alias {@code coder-method}. */
    public static final String METHOD = """
            ```java
            public static int sumTo(int n) {
                return n <= 0 ? 0 : n + sumTo(n - 1);
            }
            ```
            """;

    /** Request bodies received, oldest first. */
    public static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/chat/completions", this::chat);
            server.start();
            return Map.of("quarkus.rest-client.gateway.url", "http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            REQUESTS.add(body);
            String alias = body.path("model").asText();
            String text = switch (alias) {
                case "coder" -> SEARCH_REPLACE;
                case "coder-method" -> METHOD;
                default -> null;
            };
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            if (text == null) {
                status = 404;
                out.putObject("error").put("message", "unknown model alias '" + alias + "'; known aliases: coder, coder-method")
                        .put("type", "invalid_request_error").put("code", "model_not_found");
            } else {
                out.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", alias);
                ObjectNode choice = out.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", text);
                out.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 30).put("total_tokens", 130);
            }
            byte[] bytes = JSON.writeValueAsBytes(out);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** @return the text of the answers' requests as one string, for assertions */
    public static String requestsText() {
        return String.join("\n", REQUESTS.stream().map(JsonNode::toString).toList());
    }
}
