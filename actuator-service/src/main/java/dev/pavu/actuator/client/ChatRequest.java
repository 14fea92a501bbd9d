package dev.pavu.actuator.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Body of the gateway's {@code POST /v1/chat/completions} (the OpenAI shape; {@code model} is a gateway alias).
 *
 * @param model       the alias, e.g. {@code coder}
 * @param messages    the conversation
 * @param temperature sampling temperature
 * @param maxTokens   most completion tokens
 * @param seed        sampling seed: a seed makes the call deterministic, so the gateway caches and can replay it
 * @param n           choices wanted; {@code null} for one (the Pavu gateway serves one choice per call)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature,
                          @JsonProperty("max_tokens") Integer maxTokens, Integer seed, Integer n) {
}
