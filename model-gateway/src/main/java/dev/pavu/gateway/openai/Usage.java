package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token usage of one completion.
 *
 * @param promptTokens     tokens of the prompt
 * @param completionTokens tokens of the answer
 * @param totalTokens      their sum
 */
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens) {

    /**
     * @param in  prompt tokens
     * @param out completion tokens
     * @return the usage with its total
     */
    public static Usage of(int in, int out) {
        return new Usage(in, out, in + out);
    }
}
