package dev.pavu.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Answer of {@code GET /v1/models}: one entry per alias.
 *
 * @param object  always {@code list}
 * @param data    the aliases, in file order
 * @param message set when no model is configured: which setting to set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelList(String object, List<Model> data, String message) {

    /**
     * One alias.
     *
     * @param id          the alias
     * @param object      always {@code model}
     * @param created     epoch seconds of the gateway's start
     * @param ownedBy     always {@code pavu}
     * @param description the alias's description from the models file
     * @param backends    its backends in order of preference
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
                        String description, List<Backend> backends) {
    }

    /**
     * One backend of an alias and its live state.
     *
     * @param id              {@code type:url#model}
     * @param type            {@code ollama} or {@code openai}
     * @param baseUrl         server URL
     * @param model           model id on the server
     * @param contextWindow   tokens
     * @param maxOutputTokens tokens
     * @param temperature     default temperature
     * @param costPer1kIn     cost of 1000 prompt tokens
     * @param costPer1kOut    cost of 1000 completion tokens
     * @param maxConcurrency  calls in flight at most
     * @param capability      0..1
     * @param circuit         {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param inFlight        calls in flight now
     */
    public record Backend(String id, String type, @JsonProperty("base_url") String baseUrl, String model,
                          @JsonProperty("context_window") int contextWindow,
                          @JsonProperty("max_output_tokens") int maxOutputTokens, double temperature,
                          @JsonProperty("cost_per_1k_in") double costPer1kIn,
                          @JsonProperty("cost_per_1k_out") double costPer1kOut,
                          @JsonProperty("max_concurrency") int maxConcurrency, double capability,
                          String circuit, @JsonProperty("in_flight") int inFlight) {
    }
}
