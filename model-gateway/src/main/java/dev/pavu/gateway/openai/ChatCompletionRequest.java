package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Body of {@code POST /v1/chat/completions}.
 *
 * @param model               the model alias ({@code coder}, {@code reasoner}, …)
 * @param messages            the conversation, oldest first
 * @param temperature         sampling temperature; 0 makes the request deterministic (cacheable)
 * @param topP                nucleus sampling
 * @param maxTokens           most completion tokens (legacy name)
 * @param maxCompletionTokens most completion tokens (current name; wins over {@code max_tokens})
 * @param seed                sampling seed; a seed makes the request deterministic (cacheable)
 * @param stop                a stop string or an array of them
 * @param stream              answer as server-sent events
 * @param streamOptions       {@code {"include_usage": true}} adds a last chunk with the usage
 * @param n                   number of choices; only 1 is supported
 * @param user                end-user id (ignored)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Integer seed,
        JsonNode stop,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Integer n,
        String user) {

    /**
     * Stream options.
     *
     * @param includeUsage whether a last chunk carries the usage
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }
}
