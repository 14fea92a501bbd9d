package dev.pavu.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What to submit.
 *
 * @param repo        a local folder (snapshotted into a git bundle and uploaded) or a git URL (cloned by the planner)
 * @param ref         branch, tag or commit of a git URL; {@code null} = default branch; ignored for a local folder
 * @param task        the task text
 * @param testCommand shell command that runs the tests, or {@code null} to detect it
 * @param errorLog    an error log to fix, or {@code null}
 * @param budget      the limits the user set (the planner's defaults for the others)
 * @param kind        {@code REPAIR}, {@code IMPLEMENT} or {@code FIX_LOG}; {@code null} = the planner's default (REPAIR)
 * @param models      model alias per role, e.g. {@code proposer → coder}; empty = no model
 * @param gates       the gate policy object of {@code POST /jobs} ({@code linters}, {@code testsFirst}, {@code probe},
 *                    {@code allowTestEdits}, {@code allowBuildEdits}), or {@code null} for the verifier's defaults
 * @param priority    0 (lowest) to 9 (highest), or {@code null} for the planner's default (5)
 * @param reproduceCommand a {@code FIX_LOG} job's shell command that makes the logged failure happen, or {@code null}
 * @param resultBranch   a git URL's job only: the branch the planner pushes the fix to once it succeeded (put under the
 *                       planner's prefix, {@code pavu/}), or {@code null}
 * @param pushCredential the name of the operator's push credential for {@code resultBranch}, or {@code null}
 */
public record SubmitRequest(String repo, String ref, String task, String testCommand, String errorLog, BudgetRequest budget,
                            String kind, Map<String, String> models, JsonNode gates, Integer priority, String reproduceCommand,
                            String resultBranch, String pushCredential) {

    public SubmitRequest {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    /** A job without a result branch. */
    public SubmitRequest(String repo, String ref, String task, String testCommand, String errorLog, BudgetRequest budget,
                         String kind, Map<String, String> models, JsonNode gates, Integer priority, String reproduceCommand) {
        this(repo, ref, task, testCommand, errorLog, budget, kind, models, gates, priority, reproduceCommand, null, null);
    }

    /** A job without a reproduce command. */
    public SubmitRequest(String repo, String ref, String task, String testCommand, String errorLog, BudgetRequest budget,
                         String kind, Map<String, String> models, JsonNode gates, Integer priority) {
        this(repo, ref, task, testCommand, errorLog, budget, kind, models, gates, priority, null);
    }

    /** A repair job with no model and the default gates. */
    public SubmitRequest(String repo, String ref, String task, String testCommand, String errorLog, BudgetRequest budget) {
        this(repo, ref, task, testCommand, errorLog, budget, null, Map.of(), null, null);
    }
}
