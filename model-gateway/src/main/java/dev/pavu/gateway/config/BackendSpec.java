package dev.pavu.gateway.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One backend of an alias, as written in the models file (kebab-case keys).
 *
 * @param type            {@code ollama} or {@code openai}
 * @param baseUrl         server URL: {@code http://host:11434} for Ollama, {@code http://host:8000/v1} for OpenAI-compatible
 * @param model           model id on that server, e.g. {@code qwen2.5-coder:7b}
 * @param contextWindow   context window in tokens (prompt + output)
 * @param maxOutputTokens most tokens one answer may have
 * @param temperature     temperature used when the request sets none
 * @param costPer1kIn     cost of 1000 prompt tokens (any currency unit, used for statistics)
 * @param costPer1kOut    cost of 1000 completion tokens
 * @param maxConcurrency  calls in flight on this backend at most
 * @param capability      capability score 0..1 (how good the model is at repair; read by planners)
 * @param pull            Ollama only: pull the model with {@code /api/pull} when the server lacks it
 * @param apiKeyEnv       OpenAI only: name of the environment variable holding the API key (none = no key)
 */
public record BackendSpec(
        BackendType type,
        String baseUrl,
        String model,
        Integer contextWindow,
        Integer maxOutputTokens,
        Double temperature,
        @JsonProperty("cost-per-1k-in") Double costPer1kIn,
        @JsonProperty("cost-per-1k-out") Double costPer1kOut,
        Integer maxConcurrency,
        Double capability,
        Boolean pull,
        String apiKeyEnv) {

    /** Defaults for what the file leaves out. */
    public BackendSpec {
        contextWindow = contextWindow == null ? 8192 : contextWindow;
        maxOutputTokens = maxOutputTokens == null ? 1024 : maxOutputTokens;
        temperature = temperature == null ? 0.2 : temperature;
        costPer1kIn = costPer1kIn == null ? 0.0 : costPer1kIn;
        costPer1kOut = costPer1kOut == null ? 0.0 : costPer1kOut;
        maxConcurrency = maxConcurrency == null ? 4 : maxConcurrency;
        capability = capability == null ? 0.5 : capability;
        pull = pull != null && pull;
        baseUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl.trim());
    }

    /**
     * Identity of the backend: same type, URL and model = same backend, sharing one circuit breaker and one
     * concurrency limit across aliases.
     *
     * @return {@code type:baseUrl#model}
     */
    @JsonIgnore
    public String id() {
        return type.wireName() + ":" + baseUrl + "#" + model;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
