package dev.pavu.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One program's result in a bench run: a line of the table and an element of the saved JSON.
 *
 * @param program           the program's folder name
 * @param defectClass       its defect class ({@code bug.json}), or {@code null}
 * @param jobId             the job, or {@code null} when it could not be submitted
 * @param outcome           SUCCEEDED, EXHAUSTED, FAILED or CANCELLED; {@code ERROR} when the program could not be
 *                          submitted or followed, {@code UNFINISHED} when waiting was given up
 * @param reason            the planner's reason, or what went wrong
 * @param candidatesTried   candidates verified (the baseline excluded), or {@code null} when unknown
 * @param durationMs        submission to conclusion, milliseconds, or {@code null}
 * @param timeToPlausibleMs time to the first plausible patch (the job's duration when it SUCCEEDED with a
 *                          non-empty patch), milliseconds, or {@code null}
 * @param plausible         true when the job SUCCEEDED with a non-empty patch
 * @param equalsReference   whether the patch gives the same files as {@code reference.diff}; {@code null} when
 *                          there is no plausible patch or no usable reference
 * @param pattern           the plausible patch's fix pattern, or {@code null} when unknown
 * @param patch             the plausible patch (unified diff), or {@code null}
 * @param note              one line on anything unusual (comparison problems, errors), or {@code null}
 */
@JsonPropertyOrder({"program", "defectClass", "jobId", "outcome", "reason", "candidatesTried", "durationMs",
        "timeToPlausibleMs", "plausible", "equalsReference", "pattern", "patch", "note"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BenchRow(String program, String defectClass, String jobId, String outcome, String reason,
                       Long candidatesTried, Long durationMs, Long timeToPlausibleMs, boolean plausible,
                       Boolean equalsReference, String pattern, String patch, String note) {

    /** Outcome of a program that could not be submitted or followed. */
    public static final String ERROR = "ERROR";
    /** Outcome of a program whose job was still running when waiting was given up. */
    public static final String UNFINISHED = "UNFINISHED";

    /**
     * @param program the program
     * @param jobId   its job, or {@code null}
     * @param outcome {@link #ERROR} or {@link #UNFINISHED}
     * @param note    what went wrong
     * @return a row without a result
     */
    public static BenchRow unfinished(BenchProgram program, String jobId, String outcome, String note) {
        return new BenchRow(program.name(), program.defectClass(), jobId, outcome, null, null, null, null, false, null,
                null, null, note);
    }

    /** @return true when the job reached an outcome of its own (not {@link #ERROR} or {@link #UNFINISHED}) */
    public boolean concluded() {
        return !ERROR.equals(outcome) && !UNFINISHED.equals(outcome);
    }
}
