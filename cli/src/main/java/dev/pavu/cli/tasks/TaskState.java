package dev.pavu.cli.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pavu.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code pavu tasks} submitted from one tasks file: per task name, the entry's fingerprint and the job it became.
 * Kept beside the file as {@code .<file name>.pavu-state.json}, written atomically after each submission, so that a
 * second {@code load} (or a {@code watch} after a restart) submits only new and changed tasks.
 */
public final class TaskState {

    /**
     * @param fingerprint {@link TaskFile#fingerprint} of the entry that was submitted
     * @param jobId       the job it became
     * @param submittedAt ISO-8601 instant
     */
    public record Submitted(String fingerprint, String jobId, String submittedAt) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;
    private final Map<String, Submitted> byName;

    private TaskState(Path file, Map<String, Submitted> byName) {
        this.file = file;
        this.byName = byName;
    }

    /**
     * @param tasksFile the tasks file
     * @return the state file beside it ({@code .<name>.pavu-state.json})
     */
    public static Path beside(Path tasksFile) {
        Path abs = tasksFile.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".pavu-state.json");
    }

    /**
     * @param stateFile the state file; missing = nothing submitted yet
     * @return its content
     * @throws CliException usage (2) when it exists but cannot be read as a state file
     */
    public static TaskState load(Path stateFile) {
        if (!Files.exists(stateFile)) {
            return new TaskState(stateFile, new TreeMap<>());
        }
        try {
            Map<String, Submitted> m = JSON.readValue(Files.readString(stateFile, StandardCharsets.UTF_8), new TypeReference<>() {
            });
            return new TaskState(stateFile, new TreeMap<>(m == null ? Map.of() : m));
        } catch (IOException e) {
            throw CliException.usage(stateFile + ": not a pavu tasks state file (" + e.getMessage() + "); delete it to "
                    + "submit every task again");
        }
    }

    /**
     * @param name a task name
     * @return what was submitted for it, or {@code null}
     */
    public Submitted get(String name) {
        return byName.get(name);
    }

    /**
     * Records a submission and writes the file at once (temporary file, then an atomic move).
     *
     * @param name      the task name
     * @param submitted what was submitted
     * @throws CliException failed (1) when the file cannot be written
     */
    public void put(String name, Submitted submitted) {
        byName.put(name, submitted);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(byName), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CliException.failed("cannot write " + file + " (" + e.getMessage() + "); job " + submitted.jobId()
                    + " was submitted for task " + name);
        }
    }
}
