package dev.pavu.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.pavu.gateway.openai.ChatCompletionRequest;
import dev.pavu.gateway.openai.ChatMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checked, normalised chat request.
 *
 * @param alias           alias asked for
 * @param tenant          tenant charged
 * @param messages        the conversation in langchain4j's terms
 * @param temperature     requested temperature or null
 * @param topP            requested top_p or null
 * @param maxTokens       requested completion tokens or null
 * @param seed            requested seed or null
 * @param stop            stop sequences
 * @param stream          whether the client wants server-sent events
 * @param includeUsage    whether the stream ends with a usage chunk
 * @param promptTokens    estimated prompt tokens ({@link TokenEstimator})
 * @param requestJson     canonical JSON of what determines the answer (alias, messages, sampling)
 * @param requestHash     SHA-256 hex of {@code requestJson}: cache and replay key
 */
public record CompletionCall(String alias, String tenant, List<dev.langchain4j.data.message.ChatMessage> messages,
                             Double temperature, Double topP, Integer maxTokens, Integer seed, List<String> stop,
                             boolean stream, boolean includeUsage, int promptTokens, String requestJson,
                             String requestHash) {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * @return whether the answer is determined by the request (temperature 0 or a seed): such answers are cached
     */
    public boolean deterministic() {
        return (temperature != null && temperature == 0.0) || seed != null;
    }

    /**
     * Checks and normalises a request.
     *
     * @param body   the request body
     * @param tenant tenant charged
     * @return the call
     * @throws GatewayException 400 when the request is malformed
     */
    public static CompletionCall of(ChatCompletionRequest body, String tenant) {
        if (body == null) {
            throw GatewayException.invalid("request body missing: expected {\"model\":…,\"messages\":[…]}");
        }
        if (body.model() == null || body.model().isBlank()) {
            throw GatewayException.invalid("'model' missing: name a model alias (GET /v1/models lists them)");
        }
        if (body.messages() == null || body.messages().isEmpty()) {
            throw GatewayException.invalid("'messages' missing or empty");
        }
        if (body.n() != null && body.n() != 1) {
            throw GatewayException.invalid("n=" + body.n() + " is not supported: ask n times with different seeds");
        }
        if (body.temperature() != null && (body.temperature() < 0 || body.temperature() > 2)) {
            throw GatewayException.invalid("'temperature' must be within 0..2");
        }
        Integer maxTokens = body.maxCompletionTokens() != null ? body.maxCompletionTokens() : body.maxTokens();
        if (maxTokens != null && maxTokens < 1) {
            throw GatewayException.invalid("'max_tokens' must be >= 1");
        }
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        List<Map<String, Object>> canonicalMessages = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < body.messages().size(); i++) {
            ChatMessage m = body.messages().get(i);
            String role = m == null || m.role() == null ? "" : m.role().toLowerCase(Locale.ROOT);
            String text = m == null ? "" : m.text();
            messages.add(switch (role) {
                case "system", "developer" -> SystemMessage.from(text);
                case "user" -> m.name() == null ? UserMessage.from(text) : UserMessage.from(m.name(), text);
                case "assistant" -> AiMessage.from(text);
                default -> throw GatewayException.invalid("messages[" + i + "].role must be system, user or assistant, was '"
                        + (m == null ? null : m.role()) + "'");
            });
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("role", role.equals("developer") ? "system" : role);
            cm.put("content", text);
            canonicalMessages.add(cm);
            texts.add(text);
        }
        List<String> stop = stopList(body.stop());
        boolean stream = Boolean.TRUE.equals(body.stream());
        boolean includeUsage = body.streamOptions() != null && Boolean.TRUE.equals(body.streamOptions().includeUsage());

        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("alias", body.model());
        canonical.put("messages", canonicalMessages);
        canonical.put("temperature", body.temperature());
        canonical.put("top_p", body.topP());
        canonical.put("max_tokens", maxTokens);
        canonical.put("seed", body.seed());
        canonical.put("stop", stop);
        String json;
        try {
            json = CANONICAL.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new CompletionCall(body.model(), tenant, messages, body.temperature(), body.topP(), maxTokens,
                body.seed(), stop, stream, includeUsage, TokenEstimator.promptTokens(texts), json, sha256(json));
    }

    private static List<String> stopList(JsonNode stop) {
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return out;
        }
        if (stop.isTextual()) {
            out.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(s -> out.add(s.asText()));
        } else {
            throw GatewayException.invalid("'stop' must be a string or an array of strings");
        }
        return out;
    }

    /**
     * @param text any text
     * @return SHA-256 of its UTF-8 bytes, lower-case hex
     */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
