package dev.pavu.gateway.client;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/**
 * What the gateway asks one backend, already in langchain4j's terms.
 *
 * @param messages        the conversation
 * @param temperature     sampling temperature; null = the backend's configured temperature
 * @param topP            nucleus sampling; null = server default
 * @param maxOutputTokens most completion tokens (already capped to the backend's limits)
 * @param seed            sampling seed or null
 * @param stop            stop sequences (may be empty)
 */
public record BackendRequest(List<ChatMessage> messages, Double temperature, Double topP, int maxOutputTokens,
                             Integer seed, List<String> stop) {

    /** Immutable lists. */
    public BackendRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
