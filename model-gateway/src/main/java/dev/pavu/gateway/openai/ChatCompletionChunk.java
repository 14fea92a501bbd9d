package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One server-sent event of a streaming completion ({@code object: chat.completion.chunk}), written as
 * {@code data: <json>} followed by a blank line; the stream ends with {@code data: [DONE]}.
 *
 * @param id      same id for every chunk of one completion
 * @param object  always {@code chat.completion.chunk}
 * @param created epoch seconds
 * @param model   the alias asked for
 * @param choices one choice with a delta; empty in the usage chunk
 * @param usage   only in the last chunk, when {@code stream_options.include_usage} was set
 * @param pavu    only in the first chunk: backend, cache flag and request hash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  Usage usage, PavuInfo pavu) {

    /**
     * A choice of a chunk.
     *
     * @param index        0
     * @param delta        what this chunk adds
     * @param finishReason null until the last content chunk
     */
    public record Choice(int index, Delta delta,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * What a chunk adds to the message.
     *
     * @param role    {@code assistant} in the first chunk only
     * @param content text fragment
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
