package dev.pavu.contracts;

import java.util.Map;

/**
 * The task of a job.
 *
 * @param kind        what is asked; {@link TaskKind#REPAIR} when {@code null} is given
 * @param text        the user's words, e.g. "make the failing tests pass"; may be empty
 * @param testCommand shell command that runs the tests, or {@code null} to detect it from the layout
 * @param errorLog    an error log to fix (truncated by the planner), or {@code null}
 * @param models      model alias per role (e.g. {@code proposer → coder}); empty when no model is wanted
 */
public record TaskSpec(TaskKind kind, String text, String testCommand, String errorLog, Map<String, String> models) {

    public TaskSpec {
        kind = kind == null ? TaskKind.REPAIR : kind;
        text = text == null ? "" : text;
        models = models == null ? Map.of() : Map.copyOf(models);
    }
}
