package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What the gateway adds to a completion under {@code pavu}.
 *
 * @param alias       the alias asked for
 * @param backend     id of the backend that answered ({@code type:url#model}); for a cached answer, the one
 *                    that answered first
 * @param model       model id on that backend
 * @param cached      whether the answer came from the response cache (no backend was called)
 * @param requestHash SHA-256 (hex) of the request's canonical form: the key of the cache and of replay
 * @param latencyMs   time spent in the gateway for this call, in milliseconds
 * @param attempts    backends tried before this one and why they were left, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PavuInfo(
        String alias,
        String backend,
        String model,
        boolean cached,
        @JsonProperty("request_hash") String requestHash,
        @JsonProperty("latency_ms") Long latencyMs,
        List<String> attempts) {
}
