/**
 * Records of the OpenAI chat-completions wire format, as spoken by the gateway to its clients (snake_case
 * JSON). Fields the gateway adds are under {@code pavu}; OpenAI clients ignore them.
 */
package dev.pavu.gateway.openai;
