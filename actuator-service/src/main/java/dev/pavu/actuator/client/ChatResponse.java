package dev.pavu.actuator.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Answer of {@code POST /v1/chat/completions} (only the fields the actuator reads).
 *
 * @param id      completion id
 * @param model   the alias answered
 * @param choices the choices (one unless {@code n} was honoured)
 * @param usage   token usage
 * @param pavu    the gateway's details (backend, cache, request hash)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(String id, String model, List<Choice> choices, Usage usage, Pavu pavu) {

    /**
     * @param index        position
     * @param message      the assistant's message
     * @param finishReason {@code stop}, {@code length}, …
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    /** @param role {@code assistant} @param content the text */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, String content) {
    }

    /** @param promptTokens prompt tokens @param completionTokens completion tokens */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                        @JsonProperty("completion_tokens") int completionTokens) {
    }

    /** @param backend backend that answered @param cached from the cache @param requestHash the replay key */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pavu(String backend, boolean cached, @JsonProperty("request_hash") String requestHash) {
    }

    /** @return the text of every choice, in order (empty strings for empty messages) */
    @JsonIgnore
    public List<String> texts() {
        if (choices == null) {
            return List.of();
        }
        return choices.stream().map(c -> c.message() == null || c.message().content() == null ? "" : c.message().content())
                .toList();
    }
}
