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
 * @param team        the job's team, set by the planner (services call the model gateway for it, so that the team is
 *                    the tenant charged); {@code null} in events written before teams travelled (the default tenant)
 * @param priority    the job's priority, {@value #MIN_PRIORITY}–{@value #MAX_PRIORITY}, higher first; absent in events
 *                    written before, read as {@value #DEFAULT_PRIORITY}
 * @param reproduceCommand a {@code FIX_LOG} job's shell command that makes the logged failure happen (run in the
 *                    verifier's sandbox like the tests; a candidate passes only when the failure no longer shows in its
 *                    output), or {@code null} (absent in events written before)
 */
public record TaskSpec(TaskKind kind, String text, String testCommand, String errorLog, Map<String, String> models,
                       String team, Integer priority, String reproduceCommand) {

    /** Lowest job priority. */
    public static final int MIN_PRIORITY = 0;
    /** Highest job priority. */
    public static final int MAX_PRIORITY = 9;
    /** Priority of a job submitted without one. */
    public static final int DEFAULT_PRIORITY = 5;

    public TaskSpec {
        kind = kind == null ? TaskKind.REPAIR : kind;
        text = text == null ? "" : text;
        models = models == null ? Map.of() : Map.copyOf(models);
        priority = priority == null ? DEFAULT_PRIORITY : priority;
    }

    /** A task without a reproduce command. */
    public TaskSpec(TaskKind kind, String text, String testCommand, String errorLog, Map<String, String> models,
                    String team, Integer priority) {
        this(kind, text, testCommand, errorLog, models, team, priority, null);
    }

    /** A task with no team (the default tenant) and the default priority. */
    public TaskSpec(TaskKind kind, String text, String testCommand, String errorLog, Map<String, String> models) {
        this(kind, text, testCommand, errorLog, models, null, DEFAULT_PRIORITY);
    }

    /**
     * @param team     the job's team
     * @param priority the job's priority ({@value #MIN_PRIORITY}–{@value #MAX_PRIORITY})
     * @return this task with them
     */
    public TaskSpec withJob(String team, int priority) {
        return new TaskSpec(kind, text, testCommand, errorLog, models, team, priority, reproduceCommand);
    }
}
