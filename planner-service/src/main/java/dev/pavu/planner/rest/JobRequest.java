package dev.pavu.planner.rest;

import dev.pavu.contracts.TaskKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /jobs} (documentation shape; {@link JobRequests} reads and checks it).
 *
 * @param source      where the code is; {@code gitUrl} must be absent when a bundle is uploaded
 * @param task        what is asked, in the user's words
 * @param kind        REPAIR (default), FIX_LOG or IMPLEMENT
 * @param testCommand shell command that runs the tests; detected from the layout when absent
 * @param errorLog    an error log to fix (truncated, its end kept)
 * @param reproduceCommand FIX_LOG only: shell command that makes the logged failure happen (run in the verifier's
 *                    sandbox after the tests, like them); a candidate is plausible when the tests pass and the log's
 *                    exception with its top stack frames no longer shows in the command's output. Needs an errorLog
 *                    holding a Java stack trace
 * @param budget      limits; each absent field takes its default
 * @param models      model alias per role, e.g. {@code {"proposer": "coder"}}
 * @param gates       the verifier's gate policy for this job's candidates; each absent field takes the verifier's
 *                    default (no linters, tests first on, no probe)
 * @param priority    0 (lowest) to 9 (highest), default 5: the verifier serves waiting candidates of higher-priority
 *                    jobs first, and jobs of one priority in turns
 * @param resultBranch git-URL jobs only: once the job SUCCEEDED, push its fix back to {@code source.gitUrl} as this new
 *                    branch, with an operator-configured credential
 */
@Schema(name = "JobRequest")
public record JobRequest(SourceRequest source, String task, TaskKind kind, String testCommand, String errorLog,
                         BudgetRequest budget, Map<String, String> models, GatesRequest gates,
                         Integer priority, String reproduceCommand, ResultBranchBody resultBranch) {

    /**
     * @param name       the new branch, e.g. {@code fix-median}; put under {@code pavu.git.branch-prefix} ({@code pavu/});
     *                   never {@code main}, {@code master}, the job's own ref or anything but {@code refs/heads/…}; must
     *                   be a valid git branch name
     * @param credential the name of a push credential the operator configured for the submitting team
     *                   ({@code pavu.git.credentials."<name>"}); another team's is refused like an unknown one
     */
    @Schema(name = "ResultBranchRequest")
    public record ResultBranchBody(@Schema(required = true, maxLength = 200, example = "fix-median") String name,
                                   @Schema(required = true, example = "github-bot") String credential) {
    }

    /**
     * @param linters    linters of the lint gate, run after the tests pass when installed on the verifier:
     *                   {@code checkstyle}, {@code spotbugs}, {@code ruff}, {@code mypy}
     * @param testsFirst run the failing tests alone before the whole suite (default true)
     * @param probe      start the application in the sandbox, check it, stop it
     */
    @Schema(name = "GatesRequest")
    public record GatesRequest(List<String> linters, Boolean testsFirst, ProbeRequest probe) {
    }

    /**
     * @param startCommand shell command that starts the application and keeps running
     * @param healthUrl    loopback URL polled until it answers 2xx, e.g. {@code http://127.0.0.1:8080/health}
     * @param smokeCommand shell command run once the application is healthy; exit 0 passes
     * @param timeoutMs    how long the health URL may take to answer (default 20000)
     */
    @Schema(name = "ProbeRequest")
    public record ProbeRequest(String startCommand, String healthUrl, String smokeCommand, Long timeoutMs) {
    }

    /**
     * @param gitUrl repository URL: http(s)://, ssh://, git://, file:// or user@host:path
     * @param ref    branch, tag or commit; the default branch when absent
     */
    @Schema(name = "SourceRequest")
    public record SourceRequest(String gitUrl, String ref) {
    }

    /**
     * @param maxIterations      repair iterations after the baseline (default 3)
     * @param maxCandidates      candidates over all iterations (default 200)
     * @param candidateTimeoutMs limit per candidate, ms (default 60000)
     * @param jobTimeoutMs       limit of the whole job, ms (default 1800000)
     */
    @Schema(name = "BudgetRequest")
    public record BudgetRequest(Integer maxIterations, Integer maxCandidates, Long candidateTimeoutMs, Long jobTimeoutMs) {
    }
}
