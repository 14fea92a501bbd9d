package dev.pavu.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON helpers: one lenient mapper (unknown fields ignored, times as ISO strings) and tolerant readers of
 * the planner's views, which try several field names so that small shape changes do not break the CLI.
 */
public final class Json {

    /** The mapper of the CLI: unknown fields ignored, ISO-8601 times, nulls left out when writing requests. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /**
     * @param value any value Jackson can write
     * @return compact JSON
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param value any value
     * @return indented JSON
     */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param node   an object (or anything)
     * @param fields candidate names, tried in order; a dotted name reads a nested field ({@code counts.verified})
     * @return the first non-null, non-blank value as text, or {@code null}
     */
    public static String text(JsonNode node, String... fields) {
        JsonNode n = first(node, fields);
        if (n == null || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    /**
     * @param node   an object
     * @param fields candidate names, tried in order (dotted names read nested fields)
     * @return the first numeric (or numeric text) value, or {@code null}
     */
    public static Long number(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode n = at(node, f);
            if (n != null && n.isNumber()) {
                return n.asLong();
            }
            if (n != null && n.isTextual() && n.asText().matches("-?\\d+")) {
                return Long.parseLong(n.asText());
            }
        }
        return null;
    }

    /**
     * @param node   an array, or an object wrapping one
     * @param fields names of the wrapping field to try ({@code jobs}, {@code items}, …)
     * @return the array, or an empty array
     */
    public static JsonNode array(JsonNode node, String... fields) {
        if (node != null && node.isArray()) {
            return node;
        }
        for (String f : fields) {
            JsonNode n = node == null ? null : node.get(f);
            if (n != null && n.isArray()) {
                return n;
            }
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    private static JsonNode first(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode n = at(node, f);
            if (n != null && !n.isNull() && !n.isMissingNode() && !(n.isTextual() && n.asText().isBlank())) {
                return n;
            }
        }
        return null;
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }
}
