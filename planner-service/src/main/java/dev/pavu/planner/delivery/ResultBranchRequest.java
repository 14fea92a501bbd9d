package dev.pavu.planner.delivery;

/**
 * A validated request for a result branch: push the job's fix back to its git URL as a new branch.
 *
 * @param name       the branch to create, without {@code refs/heads/}, prefix included (e.g. {@code pavu/fix-median})
 * @param credential the name of the operator-configured credential to push with ({@code pavu.git.credentials})
 */
public record ResultBranchRequest(String name, String credential) {
}
