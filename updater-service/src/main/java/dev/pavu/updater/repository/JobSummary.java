package dev.pavu.updater.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@code updater.job_summaries}: what the audit log says about a job so far.
 *
 * @param jobId              job id
 * @param state              {@code SUBMITTED}, {@code RUNNING}, {@code CANCELLING} or {@code CONCLUDED}
 * @param outcome            {@code SUCCEEDED}, {@code EXHAUSTED}, {@code FAILED} or {@code CANCELLED}; {@code null} until concluded
 * @param reason             the conclusion's reason (or the cancellation's), else {@code null}
 * @param task               the task text as submitted
 * @param sourceKind         {@code git} or {@code bundle}
 * @param sourceUrl          git URL for {@code git} sources
 * @param baselineVerdict    verdict of the empty patch ({@code FAIL} when tests fail), {@code null} before it
 * @param failureKind        class of the baseline failure, e.g. {@code AssertionFailedError}, {@code compile-error};
 *                           {@code null} before the baseline verdict
 * @param plans              plans proposed (baseline included)
 * @param candidates         non-empty candidate patches proposed
 * @param verdicts           verdict name → count, the baseline excluded
 * @param iterations         highest iteration seen (0 = only the baseline)
 * @param candidatesTried    candidates verified, as the conclusion reports; {@code null} before it
 * @param winningCandidateId the PASS candidate of a SUCCEEDED job
 * @param patch              the verified patch (unified diff) of a SUCCEEDED job
 * @param durationMs         submission to conclusion, milliseconds, as the conclusion reports
 * @param events             events of the job in the audit log
 * @param submittedAt        time of {@code JobSubmitted}
 * @param concludedAt        time of {@code JobConcluded}
 * @param lastEventAt        time of the latest event (by its {@code occurredAt})
 */
public record JobSummary(UUID jobId, String state, String outcome, String reason, String task, String sourceKind,
                         String sourceUrl, String baselineVerdict, String failureKind, int plans, int candidates,
                         Map<String, Integer> verdicts, int iterations, Integer candidatesTried,
                         UUID winningCandidateId, String patch, Long durationMs, int events, Instant submittedAt,
                         Instant concludedAt, Instant lastEventAt) {
}
