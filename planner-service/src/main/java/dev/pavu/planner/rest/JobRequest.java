package dev.pavu.planner.rest;

import dev.pavu.contracts.TaskKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The body of {@code POST /jobs} (documentation shape; {@link JobRequests} reads and checks it).
 *
 * @param source      where the code is; {@code gitUrl} must be absent when a bundle is uploaded
 * @param task        what is asked, in the user's words
 * @param kind        REPAIR (default), FIX_LOG or IMPLEMENT
 * @param testCommand shell command that runs the tests; detected from the layout when absent
 * @param errorLog    an error log to fix (truncated, its end kept)
 * @param budget      limits; each absent field takes its default
 * @param models      model alias per role, e.g. {@code {"proposer": "coder"}}
 */
@Schema(name = "JobRequest")
public record JobRequest(SourceRequest source, String task, TaskKind kind, String testCommand, String errorLog,
                         BudgetRequest budget, Map<String, String> models) {

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
