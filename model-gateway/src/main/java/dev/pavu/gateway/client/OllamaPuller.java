package dev.pavu.gateway.client;

import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import io.quarkus.logging.Log;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Makes sure an Ollama server has a model: lists the server's models ({@code /api/tags}, through
 * langchain4j's {@link OllamaModels}) and pulls the missing model with {@code POST /api/pull}. Checked once
 * per gateway run; a failed check or pull is retried on the next call.
 */
final class OllamaPuller {

    private final String baseUrl;
    private final String model;
    private final OllamaModels models;
    private final HttpClient http;
    private final Duration pullTimeout;
    private volatile boolean present;

    OllamaPuller(String baseUrl, String model, Duration timeout, Duration pullTimeout) {
        this.baseUrl = baseUrl;
        this.model = model;
        this.pullTimeout = pullTimeout;
        this.models = OllamaModels.builder().baseUrl(baseUrl).timeout(timeout).maxRetries(0).build();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Lists the server's models and pulls the configured one when missing. */
    synchronized void ensurePresent() {
        if (present) {
            return;
        }
        List<OllamaModel> available = models.availableModels().content();
        boolean found = available != null && available.stream().anyMatch(m -> sameModel(m.getName()) || sameModel(m.getModel()));
        if (!found) {
            pull();
        }
        present = true;
    }

    private boolean sameModel(String name) {
        if (name == null) {
            return false;
        }
        return name.equals(model) || name.equals(model + ":latest") || (name + ":latest").equals(model);
    }

    private void pull() {
        Log.infof("ollama %s lacks model %s: pulling it", baseUrl, model);
        String body = "{\"model\":" + quote(model) + ",\"stream\":false}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/pull"))
                .timeout(pullTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new BackendFailure("pull of " + model + " failed: HTTP " + response.statusCode() + " "
                        + Failures.shorten(response.body()), response.statusCode() >= 500);
            }
            Log.infof("ollama %s pulled model %s", baseUrl, model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendFailure("interrupted while pulling " + model, false);
        } catch (java.io.IOException e) {
            throw Failures.classify(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
