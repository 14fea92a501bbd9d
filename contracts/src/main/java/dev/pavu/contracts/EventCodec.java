package dev.pavu.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON (de)serialisation of Pavu events. Thread-safe; use the static methods.
 *
 * <p>Wire form: one JSON object per record value, {@code {"envelope": {...}, <payload fields>}}, UTF-8,
 * timestamps as ISO-8601 strings, map keys sorted (the same event is always the same text). Unknown fields are
 * ignored (minor, compatible changes); an unknown event name or a major version other than {@link EventTypes#MAJOR}
 * is refused. The JSON Schema of each event is {@code schemas/<name>.v1.schema.json} on the classpath.
 */
public final class EventCodec {

    private static final Pattern TYPE = Pattern.compile("^(pavu\\.[a-z]+(?:\\.[a-z]+)*)\\.v(\\d+)$");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a missing int/long/double/boolean is refused (FAIL_ON_NULL_FOR_PRIMITIVES), never read as 0 or false;
            // 2.5 is never truncated into an int; {…}{…} or duplicate keys are not one event
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // records hold Map.copyOf maps, whose order changes from run to run: sort keys so the same event is the same text
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private EventCodec() {
    }

    /** @return a copy of the mapper Pavu uses for events (JSR-310 times as strings, unknown fields ignored) */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * Writes an event as JSON.
     *
     * @param event the event
     * @return its JSON text
     * @throws EventFormatException if the event cannot be written (never for the records of this package)
     */
    public static String write(PavuEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads any Pavu event, choosing the record class from {@code envelope.type}.
     *
     * @param json JSON text of one event
     * @return the event, fully read
     * @throws EventFormatException if the text is not JSON, has no envelope or type, names an unknown
     *                              event or an unsupported major version, or misses a required field
     */
    public static PavuEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new EventFormatException("empty record: expected a JSON Pavu event with an envelope");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException("expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        JsonNode type = tree.path("envelope").path("type");
        if (!type.isTextual()) {
            throw new EventFormatException("missing envelope.type: every Pavu event carries an envelope with a versioned type such as "
                    + EventTypes.PLAN_PROPOSED);
        }
        Matcher m = TYPE.matcher(type.asText());
        if (!m.matches()) {
            throw new EventFormatException("malformed event type '" + type.asText() + "': expected pavu.<name>.v<major>");
        }
        Class<? extends PavuEvent> cls = EventTypes.BY_NAME.get(m.group(1));
        if (cls == null) {
            throw new EventFormatException("unknown event type '" + type.asText() + "'; known: " + EventTypes.BY_NAME.keySet());
        }
        if (!m.group(2).equals(String.valueOf(EventTypes.MAJOR))) {
            throw new EventFormatException("unsupported major version v" + m.group(2) + " of " + m.group(1)
                    + ": this reader understands v" + EventTypes.MAJOR + "; upgrade the consumer before the producer");
        }
        try {
            return MAPPER.treeToValue(tree, cls);
        } catch (JsonProcessingException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
            String at = e instanceof JsonMappingException jme ? path(jme) : "";
            throw new EventFormatException("invalid " + type.asText() + (at.isEmpty() ? "" : " at " + at) + ": " + why, e);
        }
    }

    /** @return the JSON path of a mapping failure, e.g. {@code envelope.iteration} or {@code gates[1].durationMs} */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * Reads UTF-8 bytes of one event.
     *
     * @param utf8 the record value
     * @return the event
     * @throws EventFormatException as {@link #read(String)}
     */
    public static PavuEvent read(byte[] utf8) {
        if (utf8 == null) {
            throw new EventFormatException("null record value (tombstone): expected a JSON Pavu event");
        }
        return read(new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * Reads an event that must be of a given class.
     *
     * @param json     JSON text
     * @param expected the record class
     * @param <T>      the event type
     * @return the event
     * @throws EventFormatException as {@link #read(String)}, or if the event is of another type
     */
    public static <T extends PavuEvent> T read(String json, Class<T> expected) {
        PavuEvent e = read(json);
        if (!expected.isInstance(e)) {
            throw new EventFormatException("expected " + expected.getSimpleName() + " but got " + e.envelope().type());
        }
        return expected.cast(e);
    }
}
