package dev.pavu.e2e;

import dev.pavu.gateway.scripted.Script;
import dev.pavu.gateway.scripted.ScriptedBackend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A language model for end-to-end tests: the gateway's {@link ScriptedBackend} on a free loopback port, a models
 * file whose aliases point at it (one Ollama backend, one OpenAI-compatible backend), and the stack's
 * model-gateway restarted with {@code PAVU_GATEWAY_MODELS_FILE} set to that file. {@link #close()} stops the
 * backend and restarts the gateway without the file, as the stack runs by default.
 */
final class ScriptedModels implements AutoCloseable {

    private final ScriptedBackend backend;
    private final Path modelsFile;

    private ScriptedModels(ScriptedBackend backend, Path modelsFile) {
        this.backend = backend;
        this.modelsFile = modelsFile;
    }

    /**
     * @param script       what the backend answers
     * @param coderAlias   alias served through the backend's Ollama API (model {@code scripted-coder})
     * @param plannerAlias alias served through its OpenAI API (model {@code scripted-reasoner})
     * @return the running backend, the gateway restarted with the aliases
     */
    static ScriptedModels start(Script script, String coderAlias, String plannerAlias) throws Exception {
        ScriptedBackend backend = ScriptedBackend.start(script);
        Path file = Files.createTempFile("pavu-e2e-models-", ".yaml");
        Files.writeString(file, """
                # written by LlmEndToEndIT: the scripted backend on port %d
                aliases:
                  %s:
                    description: e2e proposer (scripted, Ollama wire format)
                    backends:
                      - type: ollama
                        base-url: %s
                        model: scripted-coder
                        context-window: 32768
                        max-output-tokens: 2048
                        cost-per-1k-in: 0.0001
                        cost-per-1k-out: 0.0002
                        max-concurrency: 4
                        capability: 0.8
                  %s:
                    description: e2e planner (scripted, OpenAI wire format)
                    backends:
                      - type: openai
                        base-url: %s
                        model: scripted-reasoner
                        context-window: 32768
                        max-output-tokens: 1024
                        max-concurrency: 2
                        capability: 0.9
                """.formatted(backend.port(), coderAlias, backend.url(), plannerAlias, backend.openAiUrl()));
        ScriptedModels models = new ScriptedModels(backend, file);
        restartGateway(Map.of("PAVU_GATEWAY_MODELS_FILE", file.toString()));
        String listed = gatewayModels();
        if (!listed.contains(coderAlias) || !listed.contains(plannerAlias)) {
            models.close();
            throw new IllegalStateException("the restarted gateway does not list the test's aliases: " + listed);
        }
        return models;
    }

    /** @return the backend (its received requests) */
    ScriptedBackend backend() {
        return backend;
    }

    @Override
    public void close() throws Exception {
        backend.close();
        try {
            restartGateway(Map.of());
        } finally {
            Files.deleteIfExists(modelsFile);
        }
    }

    /** @return the gateway's URL ({@code PAVU_GATEWAY_URL}, default {@code http://localhost:8085}) */
    static String gatewayUrl() {
        String env = System.getenv("PAVU_GATEWAY_URL");
        return env != null && !env.isBlank() ? env : "http://localhost:8085";
    }

    static String gatewayModels() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(LocalStackExtension.authorized(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/v1/models")))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code deploy/local/stack down model-gateway}, then {@code up model-gateway} with these variables set. */
    private static void restartGateway(Map<String, String> env) throws IOException, InterruptedException {
        stack(Map.of(), "down", "model-gateway");
        stack(env, "up", "model-gateway");
    }

    private static void stack(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", LocalStackExtension.root().resolve("deploy/local/stack").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(LocalStackExtension.root().toFile()).redirectErrorStream(true);
        pb.environment().remove("PAVU_GATEWAY_MODELS_FILE");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("deploy/local/stack " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
