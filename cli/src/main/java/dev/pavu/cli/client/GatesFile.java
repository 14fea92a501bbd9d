package dev.pavu.cli.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pavu.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the gate policy file of {@code pavu submit --gates FILE}: JSON, or YAML for {@code .yaml}/{@code .yml}. The
 * planner checks the fields ({@code POST /jobs} answers 400 naming each wrong one); this class only checks that the
 * file is an object.
 */
public final class GatesFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private GatesFile() {
    }

    /**
     * @param workingDir directory a relative {@code file} is resolved against
     * @param file       the file, or {@code null}
     * @return the policy object, or {@code null} when {@code file} is {@code null}
     * @throws CliException usage (2) when the file is missing, unreadable, malformed or not an object
     */
    public static JsonNode read(Path workingDir, Path file) {
        if (file == null) {
            return null;
        }
        Path path = workingDir.resolve(file);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        try {
            JsonNode node = (yaml ? YAML : JSON).readTree(Files.readString(path));
            if (node == null || !node.isObject()) {
                throw CliException.usage("--gates " + file + ": expected an object such as {\"linters\": [\"checkstyle\"], "
                        + "\"testsFirst\": true}, got " + (node == null ? "an empty file" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
            }
            return node;
        } catch (JacksonException e) {
            throw CliException.usage("--gates " + file + ": not valid " + (yaml ? "YAML" : "JSON") + " ("
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw CliException.usage("--gates " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
