package dev.pavu.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code pavu submit --wait --json} prints: exactly one JSON object on stdout.
 *
 * @param jobId           the job id
 * @param outcome         {@code SUCCEEDED}, {@code EXHAUSTED}, {@code FAILED} or {@code CANCELLED}
 *                        ({@code null} only when waiting was given up while the job still ran)
 * @param reason          one sentence: why it ended so
 * @param patch           the verified patch as a unified diff ({@code null} unless SUCCEEDED)
 * @param candidatesTried candidates verified, the baseline excluded
 * @param durationMs      submission to conclusion, milliseconds
 * @param resultBranch    the planner's {@code resultBranch} view ({@code name, state, commit, reason, …}) when the job
 *                        asked for one, else absent from the JSON
 */
@JsonPropertyOrder({"jobId", "outcome", "reason", "patch", "candidatesTried", "durationMs", "resultBranch"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubmitResult(String jobId, String outcome, String reason, String patch, long candidatesTried,
                           long durationMs, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode resultBranch) {

    /** A result without a result branch. */
    public SubmitResult(String jobId, String outcome, String reason, String patch, long candidatesTried, long durationMs) {
        this(jobId, outcome, reason, patch, candidatesTried, durationMs, null);
    }

    /**
     * @param branch the planner's {@code resultBranch} view
     * @return this result with it
     */
    public SubmitResult withResultBranch(JsonNode branch) {
        return new SubmitResult(jobId, outcome, reason, patch, candidatesTried, durationMs, branch);
    }

    /** @return true when the job SUCCEEDED (exit code 0) */
    public boolean succeeded() {
        return "SUCCEEDED".equals(outcome);
    }
}
