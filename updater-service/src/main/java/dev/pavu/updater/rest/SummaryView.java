package dev.pavu.updater.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to the jobs submitted since a moment, from {@code job_summaries} and the audit log.
 *
 * @param since             start of the window (jobs submitted at or after it)
 * @param until             when this was computed
 * @param jobs              jobs submitted in the window
 * @param byOutcome         concluded jobs per outcome (SUCCEEDED, EXHAUSTED, FAILED, CANCELLED) and {@code RUNNING}
 * @param successRate       SUCCEEDED / concluded, in [0, 1]; {@code null} when none concluded
 * @param timeToPatchMs     submission to conclusion of the SUCCEEDED jobs, milliseconds: median, mean, p90
 *                          ({@code null} values when none succeeded)
 * @param candidatesPerJob  candidates verified per concluded job: median and mean
 * @param topFailureKinds   the baseline failure kinds of concluded jobs, most frequent first (at most 10)
 * @param topPatterns       fix patterns of the winning candidates, most frequent first (at most 10)
 */
public record SummaryView(Instant since, Instant until, long jobs, Map<String, Long> byOutcome, Double successRate,
                          Figures timeToPatchMs, Figures candidatesPerJob, List<Count> topFailureKinds,
                          List<Count> topPatterns) {

    /**
     * @param median the median, or {@code null}
     * @param mean   the arithmetic mean, or {@code null}
     * @param p90    the 90th percentile (continuous), or {@code null}
     */
    public record Figures(Double median, Double mean, Double p90) {
    }

    /**
     * @param name      a failure kind (e.g. {@code AssertionError}) or a fix pattern
     * @param jobs      jobs with it
     * @param succeeded of those, jobs that SUCCEEDED
     */
    public record Count(String name, long jobs, long succeeded) {
    }
}
