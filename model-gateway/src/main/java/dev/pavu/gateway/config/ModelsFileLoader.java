package dev.pavu.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a models file (YAML, kebab-case keys). Plain Java, usable outside CDI (tests, bench).
 */
public final class ModelsFileLoader {

    /** Classpath resource used when {@code pavu.gateway.models-file} is not set: configures no model. */
    public static final String BUNDLED = "pavu-models.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelsFileLoader() {
    }

    /**
     * Loads a models file.
     *
     * @param location a file path, or {@code classpath:<resource>}
     * @return the checked models file (an empty file gives no alias)
     * @throws IllegalStateException when the file is missing, unreadable or invalid; the message names the
     *                               file and every problem found
     */
    public static ModelsFile load(String location) {
        String text;
        try (InputStream in = open(location)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read models file " + location + ": " + e.getMessage(), e);
        }
        return parse(text, location);
    }

    /**
     * Parses a models file from YAML text (for tests and tools).
     *
     * @param yaml the file's text
     * @return the checked models file
     * @throws IllegalStateException when invalid
     */
    public static ModelsFile parse(String yaml) {
        return parse(yaml, "<text>");
    }

    private static ModelsFile parse(String yaml, String location) {
        try {
            boolean onlyComments = yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"));
            ModelsFile file = onlyComments ? null : YAML.readValue(yaml, ModelsFile.class);
            return check(file == null ? ModelsFile.empty() : file, location);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid models file " + location + ": " + e.getOriginalMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                in = ModelsFileLoader.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        return Files.newInputStream(path);
    }

    private static ModelsFile check(ModelsFile file, String location) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, AliasSpec> e : file.aliases().entrySet()) {
            String alias = e.getKey();
            AliasSpec spec = e.getValue();
            if (alias == null || alias.isBlank() || !alias.matches("[A-Za-z0-9._:/-]+")) {
                problems.add("alias '" + alias + "': name must be letters, digits or . _ : / -");
            }
            if (spec == null || spec.backends().isEmpty()) {
                problems.add("alias '" + alias + "': no backends");
                continue;
            }
            for (int i = 0; i < spec.backends().size(); i++) {
                BackendSpec b = spec.backends().get(i);
                String where = "alias '" + alias + "' backend " + (i + 1);
                if (b == null) {
                    problems.add(where + ": empty");
                    continue;
                }
                if (b.type() == null) {
                    problems.add(where + ": type missing (ollama or openai)");
                }
                if (b.baseUrl() == null || !b.baseUrl().matches("https?://.+")) {
                    problems.add(where + ": base-url must be an http(s) URL, was " + b.baseUrl());
                }
                if (b.model() == null || b.model().isBlank()) {
                    problems.add(where + ": model missing");
                }
                if (b.contextWindow() <= 0) {
                    problems.add(where + ": context-window must be > 0");
                }
                if (b.maxOutputTokens() <= 0 || b.maxOutputTokens() >= b.contextWindow()) {
                    problems.add(where + ": max-output-tokens must be > 0 and < context-window");
                }
                if (b.maxConcurrency() < 1) {
                    problems.add(where + ": max-concurrency must be >= 1");
                }
                if (b.capability() < 0 || b.capability() > 1) {
                    problems.add(where + ": capability must be within 0..1");
                }
                if (b.costPer1kIn() < 0 || b.costPer1kOut() < 0) {
                    problems.add(where + ": costs must be >= 0");
                }
                if (b.pull() && b.type() == BackendType.OPENAI) {
                    problems.add(where + ": pull is for ollama backends only");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid models file " + location + ": " + String.join("; ", problems));
        }
        return file;
    }
}
