package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Answer of a non-streaming {@code POST /v1/chat/completions} ({@code object: chat.completion}).
 *
 * @param id      {@code chatcmpl-…}
 * @param object  always {@code chat.completion}
 * @param created epoch seconds
 * @param model   the alias asked for
 * @param choices exactly one choice
 * @param usage   token usage (backend's count, or the gateway's estimate when the backend gives none)
 * @param pavu    gateway details: backend, cache, request hash, latency
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             Usage usage, PavuInfo pavu) {

    /**
     * One choice.
     *
     * @param index        0
     * @param message      the assistant's message
     * @param finishReason {@code stop}, {@code length}, {@code content_filter} or {@code tool_calls}
     */
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The assistant's message.
     *
     * @param role    {@code assistant}
     * @param content the text
     */
    public record Message(String role, String content) {
    }
}
