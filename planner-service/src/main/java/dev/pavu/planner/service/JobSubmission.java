package dev.pavu.planner.service;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.planner.delivery.ResultBranchRequest;

/**
 * A validated job request.
 *
 * @param gitUrl repository URL, or {@code null} for an uploaded bundle
 * @param ref    branch, tag or commit, or {@code null} for the default branch
 * @param task   the task (kind, text, test command, error log, models)
 * @param budget the job's limits
 * @param gates  the job's gate policy (linters, tests first, runtime probe), or {@code null} for the verifier's defaults
 * @param resultBranch the branch to push the fix to once the job succeeds (git URLs only), or {@code null}
 */
public record JobSubmission(String gitUrl, String ref, TaskSpec task, Budget budget, GatePolicy gates,
                            ResultBranchRequest resultBranch) {

    /** A submission without a result branch. */
    public JobSubmission(String gitUrl, String ref, TaskSpec task, Budget budget, GatePolicy gates) {
        this(gitUrl, ref, task, budget, gates, null);
    }

    /** A submission without a gate policy. */
    public JobSubmission(String gitUrl, String ref, TaskSpec task, Budget budget) {
        this(gitUrl, ref, task, budget, null);
    }

    /** @return {@code git} for a URL, {@code bundle} for an upload */
    public String sourceKind() {
        return gitUrl == null ? "bundle" : "git";
    }
}
