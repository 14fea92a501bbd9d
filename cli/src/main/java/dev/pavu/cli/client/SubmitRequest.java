package dev.pavu.cli.client;

/**
 * What to submit.
 *
 * @param repo        a local folder (snapshotted into a git bundle and uploaded) or a git URL (cloned by the planner)
 * @param ref         branch, tag or commit of a git URL; {@code null} = default branch; ignored for a local folder
 * @param task        the task text
 * @param testCommand shell command that runs the tests, or {@code null} to detect it
 * @param errorLog    an error log to fix, or {@code null}
 * @param budget      the limits the user set (the planner's defaults for the others)
 */
public record SubmitRequest(String repo, String ref, String task, String testCommand, String errorLog, BudgetRequest budget) {
}
