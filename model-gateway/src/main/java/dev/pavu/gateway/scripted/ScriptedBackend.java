package dev.pavu.gateway.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny model server on the JDK's {@code com.sun.net.httpserver} that answers from a {@link Script} in the
 * real Ollama and OpenAI wire formats, for tests, demos and benchmarks. It listens on 127.0.0.1 only.
 *
 * <ul>
 *   <li>Ollama: {@code POST /api/chat} (NDJSON stream unless {@code "stream": false}), {@code GET /api/tags},
 *       {@code POST /api/pull} (adds the model; NDJSON progress unless {@code "stream": false});</li>
 *   <li>OpenAI: {@code POST /v1/chat/completions} (SSE {@code data:} chunks and {@code data: [DONE]} when
 *       {@code "stream": true}, usage chunk with {@code stream_options.include_usage}), {@code GET /v1/models}.</li>
 * </ul>
 * A model the script does not list answers 404 as the real servers do (Ollama: "model … not found, try
 * pulling it first"). Token counts are estimated as characters / 4. Every chat request is recorded
 * ({@link #requests()}).
 *
 * <p>Run alone: {@code java -cp … dev.pavu.gateway.scripted.ScriptedBackend [--port N] [--script file]}.
 */
public final class ScriptedBackend implements AutoCloseable {

    /**
     * One chat request the server received.
     *
     * @param api             {@code ollama} or {@code openai}
     * @param model           requested model
     * @param lastUserMessage text of the last user message
     * @param stream          whether a stream was asked for
     * @param body            the request body as received
     */
    public record Received(String api, String model, String lastUserMessage, boolean stream, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Script script;
    private final Set<String> pulled = ConcurrentHashMap.newKeySet();
    private final List<String> pulls = new CopyOnWriteArrayList<>();
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> ruleUses = new ConcurrentHashMap<>();

    private ScriptedBackend(Script script, int port) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param script what to answer
     * @return the running server
     * @throws IOException when no port can be bound
     */
    public static ScriptedBackend start(Script script) throws IOException {
        return new ScriptedBackend(script, 0);
    }

    /**
     * Starts a server on a given loopback port.
     *
     * @param script what to answer
     * @param port   port, 0 for a free one
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static ScriptedBackend start(Script script, int port) throws IOException {
        return new ScriptedBackend(script, port);
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return {@code http://127.0.0.1:<port>}: the base URL of an Ollama backend */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return {@code http://127.0.0.1:<port>/v1}: the base URL of an OpenAI-compatible backend */
    public String openAiUrl() {
        return url() + "/v1";
    }

    /** @param script the new script (rule use counts start again) */
    public void script(Script script) {
        this.script = script;
        ruleUses.clear();
    }

    /** @return chat requests received, oldest first */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param lastUserMessageRegex regex searched in the last user message
     * @return how many chat requests matched
     */
    public long requestCount(String lastUserMessageRegex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(lastUserMessageRegex, java.util.regex.Pattern.DOTALL);
        return requests.stream().filter(r -> p.matcher(r.lastUserMessage()).find()).count();
    }

    /** @return models pulled with {@code /api/pull}, in order */
    public List<String> pulls() {
        return List.copyOf(pulls);
    }

    /** Forgets recorded requests, pulls and rule use counts. */
    public void reset() {
        requests.clear();
        pulls.clear();
        pulled.clear();
        ruleUses.clear();
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (method + " " + path) {
                case "POST /api/chat" -> ollamaChat(ex);
                case "GET /api/tags" -> ollamaTags(ex);
                case "POST /api/pull" -> ollamaPull(ex);
                case "POST /v1/chat/completions" -> openAiChat(ex);
                case "GET /v1/models" -> openAiModels(ex);
                case "GET /api/version" -> json(ex, 200, JSON.createObjectNode().put("version", "0.0.0-scripted"));
                default -> json(ex, 404, JSON.createObjectNode().put("error", "no such endpoint: " + method + " " + path));
            }
        } catch (DroppedException dropped) {
            // connection closed without an answer
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage; nothing more to do
        }
    }

    /** Thrown to leave the exchange without a response; the connection is closed. */
    private static final class DroppedException extends RuntimeException {
        DroppedException() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------- Ollama

    private void ollamaTags(HttpExchange ex) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (String m : knownModels()) {
            ObjectNode model = models.addObject();
            model.put("name", m).put("model", m).put("modified_at", "2026-01-01T00:00:00Z").put("size", 1)
                    .put("digest", "sha256:" + UUID.nameUUIDFromBytes(m.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
            model.putObject("details").put("format", "gguf").put("family", "scripted").put("parameter_size", "0B")
                    .put("quantization_level", "none");
        }
        json(ex, 200, root);
    }

    private void ollamaPull(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String model = body.hasNonNull("model") ? body.get("model").asText() : body.path("name").asText();
        pulled.add(model);
        pulls.add(model);
        if (body.path("stream").asBoolean(true)) {
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (String status : List.of("pulling manifest", "verifying sha256 digest", "writing manifest", "success")) {
                out.write((JSON.createObjectNode().put("status", status) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } else {
            json(ex, 200, JSON.createObjectNode().put("status", "success"));
        }
    }

    private void ollamaChat(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String model = body.path("model").asText();
        boolean stream = body.path("stream").asBoolean(true);
        String last = lastUserMessage(body.path("messages"));
        requests.add(new Received("ollama", model, last, stream, body));
        if (!hasModel(model)) {
            json(ex, 404, JSON.createObjectNode().put("error", "model \"" + model + "\" not found, try pulling it first"));
            return;
        }
        ScriptRule rule = rule(last, model);
        if (failed(ex, rule, true)) {
            return;
        }
        String text = text(rule);
        int in = promptTokens(body.path("messages"));
        int out = tokens(text);
        String done = rule != null && rule.finishReason() != null ? rule.finishReason() : "stop";
        if (!stream) {
            ObjectNode answer = ollamaMessage(model, text, true);
            answer.put("done_reason", done).put("total_duration", 1_000_000).put("load_duration", 0)
                    .put("prompt_eval_count", in).put("prompt_eval_duration", 1000).put("eval_count", out)
                    .put("eval_duration", 1000);
            json(ex, 200, answer);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream os = ex.getResponseBody();
        int sent = 0;
        for (String piece : pieces(text)) {
            if (breaks(rule, sent++)) {
                os.write("{\"model\":\"broken\n".getBytes(StandardCharsets.UTF_8));
                os.flush();
                return;
            }
            os.write((ollamaMessage(model, piece, false) + "\n").getBytes(StandardCharsets.UTF_8));
            os.flush();
            pause(rule == null ? null : rule.chunkDelayMs());
        }
        ObjectNode last0 = ollamaMessage(model, "", true);
        last0.put("done_reason", done).put("total_duration", 1_000_000).put("load_duration", 0)
                .put("prompt_eval_count", in).put("prompt_eval_duration", 1000).put("eval_count", out)
                .put("eval_duration", 1000);
        os.write((last0 + "\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static ObjectNode ollamaMessage(String model, String content, boolean done) {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", model).put("created_at", Instant.now().toString());
        node.putObject("message").put("role", "assistant").put("content", content);
        node.put("done", done);
        return node;
    }

    // ---------------------------------------------------------------- OpenAI

    private void openAiModels(HttpExchange ex) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String m : knownModels()) {
            data.addObject().put("id", m).put("object", "model").put("created", 1_767_225_600L).put("owned_by", "scripted");
        }
        json(ex, 200, root);
    }

    private void openAiChat(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String model = body.path("model").asText();
        boolean stream = body.path("stream").asBoolean(false);
        String last = lastUserMessage(body.path("messages"));
        requests.add(new Received("openai", model, last, stream, body));
        if (!hasModel(model)) {
            ObjectNode err = JSON.createObjectNode();
            err.putObject("error").put("message", "The model `" + model + "` does not exist.")
                    .put("type", "NotFoundError").put("param", "model").put("code", 404);
            json(ex, 404, err);
            return;
        }
        ScriptRule rule = rule(last, model);
        if (failed(ex, rule, false)) {
            return;
        }
        String text = text(rule);
        int in = promptTokens(body.path("messages"));
        int out = tokens(text);
        String finish = rule != null && rule.finishReason() != null ? rule.finishReason() : "stop";
        String id = "chatcmpl-scripted-" + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        if (!stream) {
            ObjectNode root = JSON.createObjectNode().put("id", id).put("object", "chat.completion")
                    .put("created", created).put("model", model);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", text);
            choice.put("finish_reason", finish);
            root.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
            json(ex, 200, root);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream os = ex.getResponseBody();
        sse(os, chunk(id, created, model, "assistant", "", null));
        int sent = 0;
        for (String piece : pieces(text)) {
            if (breaks(rule, sent++)) {
                os.write("data: {\"id\":\"broken\n\n".getBytes(StandardCharsets.UTF_8));
                os.flush();
                return;
            }
            sse(os, chunk(id, created, model, null, piece, null));
            pause(rule == null ? null : rule.chunkDelayMs());
        }
        sse(os, chunk(id, created, model, null, null, finish));
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", model);
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
            sse(os, usage);
        }
        os.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static ObjectNode chunk(String id, long created, String model, String role, String content, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (role != null) {
            delta.put("role", role);
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root;
    }

    private static void sse(OutputStream os, JsonNode data) throws IOException {
        os.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    // ---------------------------------------------------------------- common

    private List<String> knownModels() {
        List<String> all = new ArrayList<>(script.models());
        pulled.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return all;
    }

    private boolean hasModel(String model) {
        List<String> models = script.models();
        return models.isEmpty() || models.contains(model) || pulled.contains(model);
    }

    private ScriptRule rule(String lastUserMessage, String model) {
        List<ScriptRule> rules = script.rules();
        for (int i = 0; i < rules.size(); i++) {
            ScriptRule r = rules.get(i);
            if (r.matches(lastUserMessage, model)) {
                if (r.times() != null) {
                    int used = ruleUses.computeIfAbsent(i, k -> new AtomicInteger()).getAndIncrement();
                    if (used >= r.times()) {
                        continue;
                    }
                }
                return r;
            }
        }
        return null;
    }

    /** Applies the rule's delay and failure; true when the exchange was answered with a failure. */
    private boolean failed(HttpExchange ex, ScriptRule rule, boolean ollama) throws IOException {
        if (rule == null) {
            return false;
        }
        pause(rule.delayMs());
        if (Boolean.TRUE.equals(rule.drop())) {
            throw new DroppedException();
        }
        if (rule.status() != null) {
            if (ollama) {
                json(ex, rule.status(), JSON.createObjectNode().put("error", "scripted failure " + rule.status()));
            } else {
                ObjectNode err = JSON.createObjectNode();
                err.putObject("error").put("message", "scripted failure " + rule.status()).put("type", "server_error")
                        .put("code", rule.status());
                json(ex, rule.status(), err);
            }
            return true;
        }
        return false;
    }

    private static boolean breaks(ScriptRule rule, int chunksSent) {
        return rule != null && rule.breakAfter() != null && chunksSent >= rule.breakAfter();
    }

    private String text(ScriptRule rule) {
        return rule != null && rule.response() != null ? rule.response() : script.defaultResponse();
    }

    private static String lastUserMessage(JsonNode messages) {
        String last = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                last = content(m.path("content"));
            }
        }
        return last;
    }

    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                sb.append(part.get("text").asText());
            }
        }
        return sb.toString();
    }

    private static int promptTokens(JsonNode messages) {
        int total = 0;
        for (JsonNode m : messages) {
            total += tokens(content(m.path("content"))) + 4;
        }
        return total + 3;
    }

    private static int tokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** Splits a text into stream pieces at word boundaries, keeping every character. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static void pause(Long ms) {
        if (ms != null && ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /**
     * Runs a scripted backend until killed.
     *
     * @param args {@code [--port N] [--script file.yaml]}; without a script every request is answered {@code OK}
     * @throws IOException when the port cannot be bound or the script read
     */
    public static void main(String[] args) throws IOException {
        int port = 0;
        Script script = new Script(List.of(), List.of(), null);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--script" -> script = Script.load(Path.of(args[++i]));
                default -> throw new IllegalArgumentException("usage: ScriptedBackend [--port N] [--script file]");
            }
        }
        ScriptedBackend backend = start(script, port);
        System.out.println("scripted backend listening on " + backend.url() + " (Ollama) and " + backend.openAiUrl()
                + " (OpenAI)");
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
    }
}
