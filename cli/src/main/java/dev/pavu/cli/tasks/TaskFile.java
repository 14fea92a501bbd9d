package dev.pavu.cli.tasks;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pavu.cli.CliException;
import dev.pavu.contracts.TaskKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tasks file: YAML ({@code .yaml}/{@code .yml}) or JSON holding {@code tasks:}, a list of {@link TaskEntry}. Every
 * entry is checked before anything is sent; a wrong one is a usage error naming the file, the entry and the field.
 *
 * <pre>
 * tasks:
 *   - name: invoicing
 *     repo: examples/invoicing
 *     priority: 7
 *   - name: parser
 *     repo: https://git.example.com/team/parser.git
 *     ref: main
 *     kind: REPAIR
 * </pre>
 *
 * @param tasks the entries, in file order
 */
public record TaskFile(List<TaskEntry> tasks) {

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public TaskFile {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /**
     * @param file the tasks file
     * @return its entries, checked
     * @throws CliException usage (2) when the file cannot be read, is malformed, has an unknown field, or an entry has no
     *                      name or repo, a repeated name, a priority outside 0–9, an unknown kind or a limit below 1
     */
    public static TaskFile read(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        TaskFile f;
        try {
            f = (yaml ? YAML : JSON).readValue(Files.readString(file, StandardCharsets.UTF_8), TaskFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw CliException.usage(file + ": unknown field '" + e.getPropertyName() + "'"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + "; known fields: "
                    + e.getKnownPropertyIds());
        } catch (JacksonException e) {
            throw CliException.usage(file + ": not valid " + (yaml ? "YAML" : "JSON") + " (" + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw CliException.usage(file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (f == null || f.tasks().isEmpty()) {
            throw CliException.usage(file + ": no tasks; expected 'tasks:' with a list of entries such as "
                    + "{name: example, repo: path/or/git-url}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < f.tasks().size(); i++) {
            check(file, i, f.tasks().get(i), names);
        }
        return f;
    }

    private static void check(Path file, int i, TaskEntry t, Set<String> names) {
        String at = file + ": task " + (i + 1) + (t == null || t.name() == null ? "" : " (" + t.name() + ")");
        if (t == null) {
            throw CliException.usage(at + " is empty");
        }
        if (t.name() == null || t.name().isBlank()) {
            throw CliException.usage(at + " has no name; give each task a name unique in the file");
        }
        if (!names.add(t.name())) {
            throw CliException.usage(at + ": the name is used twice; names tell a changed task from a new one");
        }
        if (t.repo() == null || t.repo().isBlank()) {
            throw CliException.usage(at + " has no repo: a local folder (relative to the file) or a git URL");
        }
        if (t.priority() != null && (t.priority() < 0 || t.priority() > 9)) {
            throw CliException.usage(at + ": priority must be 0 (lowest) to 9 (highest), was " + t.priority());
        }
        if (t.kind() != null) {
            try {
                TaskKind.valueOf(t.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(at + ": kind must be REPAIR, IMPLEMENT or FIX_LOG, was " + t.kind());
            }
        }
        if ("FIX_LOG".equalsIgnoreCase(t.kind() == null ? "" : t.kind().strip()) && t.errorLog() == null) {
            throw CliException.usage(at + ": kind FIX_LOG needs errorLog, the log whose error the job should fix");
        }
        if (t.reproduceCommand() != null && !"FIX_LOG".equalsIgnoreCase(t.kind() == null ? "" : t.kind().strip())) {
            throw CliException.usage(at + ": reproduceCommand is for kind FIX_LOG (it checks that the logged failure is gone)");
        }
        positive(at, "maxCandidates", t.maxCandidates() == null ? null : t.maxCandidates().longValue());
        positive(at, "maxIterations", t.maxIterations() == null ? null : t.maxIterations().longValue());
        positive(at, "timeoutPerCandidate", t.timeoutPerCandidate());
        positive(at, "jobTimeout", t.jobTimeout());
    }

    private static void positive(String at, String field, Long value) {
        if (value != null && value < 1) {
            throw CliException.usage(at + ": " + field + " must be at least 1, was " + value);
        }
    }

    /**
     * @param t an entry
     * @return the SHA-256 (hex) of its canonical JSON: equal for entries that ask for the same job
     */
    public static String fingerprint(TaskEntry t) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.valueToTree(t));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint task " + t.name(), e);
        }
    }
}
