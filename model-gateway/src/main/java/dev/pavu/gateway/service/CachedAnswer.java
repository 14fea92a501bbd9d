package dev.pavu.gateway.service;

/**
 * An answer kept for a deterministic request.
 *
 * @param text         the answer's text
 * @param finishReason OpenAI finish reason
 * @param tokensIn     prompt tokens of the original call
 * @param tokensOut    completion tokens of the original call
 * @param backend      backend id that answered originally
 * @param model        model id that answered originally
 */
public record CachedAnswer(String text, String finishReason, int tokensIn, int tokensOut, String backend, String model) {
}
