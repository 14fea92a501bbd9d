package dev.pavu.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** Wire protocol of a backend. */
public enum BackendType {
    /** An Ollama server ({@code /api/chat}, {@code /api/tags}, {@code /api/pull}); base URL without {@code /api}. */
    OLLAMA,
    /** An OpenAI-compatible server (OpenAI, vLLM, TGI, llama.cpp server); base URL ends with {@code /v1}. */
    OPENAI;

    /**
     * Reads the type as written in the models file.
     *
     * @param value {@code ollama} or {@code openai} (any case)
     * @return the type
     * @throws IllegalArgumentException for anything else
     */
    @JsonCreator
    public static BackendType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("backend type must be ollama or openai, was '" + value + "'");
        }
    }

    /** @return the name as written in the models file */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
