package dev.pavu.planner.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;

import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON text columns of {@code planner.jobs} (text written with the event codec's mapper). A blank
 * column reads as the empty value; unreadable text is an {@link IllegalStateException} naming the problem.
 */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private JsonColumns() {
    }

    /** @return {@code value} as JSON text */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the ranking in {@code ranking_json} (empty when blank) */
    public static List<SuspiciousLocation> locations(String json) {
        return read(json, new TypeReference<List<SuspiciousLocation>>() { }, List.of());
    }

    /** @return the failing tests in {@code baseline_json} (empty when blank) */
    public static List<TestFailure> failures(String json) {
        return read(json, new TypeReference<List<TestFailure>>() { }, List.of());
    }

    /** @return the gate policy in {@code gates_json}, or {@code null} when blank */
    public static GatePolicy gates(String json) {
        return read(json, new TypeReference<GatePolicy>() { }, null);
    }

    /** @return the model roles in {@code models_json} (empty when blank) */
    public static Map<String, String> models(String json) {
        return read(json, new TypeReference<Map<String, String>>() { }, Map.of());
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
