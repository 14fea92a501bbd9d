package dev.pavu.gateway.client;

/**
 * A backend's complete answer.
 *
 * @param text         the assistant's text
 * @param finishReason OpenAI finish reason: {@code stop}, {@code length}, {@code content_filter}, {@code tool_calls}
 * @param tokensIn     prompt tokens as counted by the backend, or null when it did not say
 * @param tokensOut    completion tokens as counted by the backend, or null when it did not say
 */
public record BackendAnswer(String text, String finishReason, Integer tokensIn, Integer tokensOut) {
}
