package dev.pavu.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models file: aliases and their backends.
 *
 * <pre>
 * aliases:
 *   coder:
 *     backends:
 *       - type: ollama
 *         base-url: http://localhost:11434
 *         model: qwen2.5-coder:7b
 *         context-window: 32768
 *         max-output-tokens: 2048
 *         pull: true
 * </pre>
 *
 * @param aliases alias name → alias, in file order
 */
public record ModelsFile(Map<String, AliasSpec> aliases) {

    /** Null-safe map that keeps the file order. */
    public ModelsFile {
        aliases = aliases == null ? Map.of() : new LinkedHashMap<>(aliases);
    }

    /** @return a models file with no alias */
    public static ModelsFile empty() {
        return new ModelsFile(Map.of());
    }
}
