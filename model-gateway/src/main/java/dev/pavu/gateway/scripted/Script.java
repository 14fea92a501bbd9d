package dev.pavu.gateway.scripted;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link ScriptedBackend} answers. YAML or JSON (kebab-case keys):
 *
 * <pre>
 * models: [qwen-test]          # listed by /api/tags and /v1/models; chat with another model is 404 until pulled
 * default-response: "I cannot help with that."
 * rules:                       # first matching rule wins
 *   - match: "(?i)fix the bug" # regex searched in the last user message
 *     model: "qwen.*"          # regex on the model id
 *     response: "--- a/Foo.java\n+++ b/Foo.java\n…"
 *     delay-ms: 50
 *   - match: "boom"
 *     status: 500              # fail with this HTTP status
 *   - match: "hang up"
 *     drop: true               # close the connection without answering
 *     times: 2                 # only the first two matching requests
 *   - match: "trickle"
 *     response: "one two three"
 *     chunk-delay-ms: 200      # streams: pause between chunks
 *     break-after: 2           # streams: a malformed chunk after 2 chunks, then the end
 * </pre>
 *
 * @param models          models the server has; null or empty = any model is accepted
 * @param rules           rules, first match wins
 * @param defaultResponse answer when no rule matches
 */
public record Script(List<String> models, List<ScriptRule> rules, String defaultResponse) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Null-safe lists and a default answer. */
    public Script {
        models = models == null ? List.of() : List.copyOf(models);
        rules = rules == null ? List.of() : List.copyOf(rules);
        defaultResponse = defaultResponse == null ? "OK" : defaultResponse;
    }

    /**
     * @param models models the server has (empty = any)
     * @param rules  rules, first match wins
     * @return the script, answering {@code OK} when no rule matches
     */
    public static Script of(List<String> models, ScriptRule... rules) {
        return new Script(models, List.of(rules), null);
    }

    /**
     * @param text YAML or JSON
     * @return the script
     * @throws IllegalArgumentException when the text is not a script
     */
    public static Script parse(String text) {
        try {
            return YAML.readValue(text, Script.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid script: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a YAML or JSON file
     * @return the script
     * @throws IOException when the file cannot be read
     */
    public static Script load(Path file) throws IOException {
        return parse(Files.readString(file));
    }
}
