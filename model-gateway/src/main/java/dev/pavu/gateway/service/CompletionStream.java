package dev.pavu.gateway.service;

import dev.pavu.gateway.openai.PavuInfo;

import java.util.function.Consumer;

/**
 * A streaming completion that has started well (its backend has sent a first event, or it comes from the
 * cache): the REST layer writes it as server-sent events.
 */
public interface CompletionStream {

    /** @return {@code chatcmpl-…}, the same in every chunk */
    String id();

    /** @return epoch seconds */
    long created();

    /** @return the alias asked for */
    String alias();

    /** @return whether a last chunk with the usage is wanted */
    boolean includeUsage();

    /** @return gateway details for the first chunk */
    PavuInfo info();

    /**
     * Passes every text fragment to {@code onToken} until the answer is complete, then records the call.
     * When {@code onToken} throws (client gone), the rest of the answer is still read and recorded.
     *
     * @param onToken receives each fragment in order
     * @return how the stream ended
     */
    End drain(Consumer<String> onToken);

    /**
     * How a stream ended.
     *
     * @param finishReason OpenAI finish reason, or null when the stream broke
     * @param tokensIn     prompt tokens
     * @param tokensOut    completion tokens
     * @param error        why it broke (null when it did not)
     */
    record End(String finishReason, int tokensIn, int tokensOut, String error) {
    }
}
