package dev.pavu.cli.output;

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
 */
@JsonPropertyOrder({"jobId", "outcome", "reason", "patch", "candidatesTried", "durationMs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubmitResult(String jobId, String outcome, String reason, String patch, long candidatesTried,
                           long durationMs) {

    /** @return true when the job SUCCEEDED (exit code 0) */
    public boolean succeeded() {
        return "SUCCEEDED".equals(outcome);
    }
}
