package dev.pavu.planner.rest;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.TaskKind;
import dev.pavu.planner.delivery.ResultBranchEntity;
import dev.pavu.planner.repository.JobEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as the API shows it.
 *
 * @param id                 job id
 * @param state              QUEUED (resolving the source), BASELINE, REPAIRING or CONCLUDED
 * @param outcome            SUCCEEDED, EXHAUSTED, FAILED or CANCELLED once concluded, else {@code null}
 * @param reason             why it concluded, one sentence; {@code null} while running
 * @param iterations         repair iterations started (0 while the baseline runs)
 * @param candidatesProposed repair candidates the actuator announced
 * @param candidatesVerified repair candidates with a verdict (skipped ones excluded)
 * @param candidatesFailed   repair candidates judged FAIL, TIMEOUT or ERROR
 * @param submittedAt        when it was accepted
 * @param concludedAt        when it concluded, or {@code null}
 * @param durationMs         submission to conclusion, or to now while running, milliseconds
 * @param hasPatch           whether {@code GET /jobs/{id}/patch} has a patch
 * @param source             the source with its resolved commit and bundle
 * @param task               the task
 * @param budget             the limits
 * @param team               the team the job belongs to (its submitter's)
 * @param priority           0 (lowest) to 9 (highest)
 * @param resultBranch       the branch the fix is pushed to and what became of it, or {@code null} when none was asked
 */
@Schema(name = "Job")
public record JobView(UUID id, String state, Outcome outcome, String reason, int iterations, int candidatesProposed,
                      int candidatesVerified, int candidatesFailed, Instant submittedAt, Instant concludedAt,
                      long durationMs, boolean hasPatch, SourceView source, TaskView task, Budget budget,
                      String team, int priority, ResultBranchView resultBranch) {

    /**
     * A git-URL job's result branch.
     *
     * @param name       the branch, e.g. {@code pavu/fix-median}
     * @param credential the name of the configured credential it is pushed with (never its secret)
     * @param state      REQUESTED (waiting for the job, or for the next attempt), PUSHED, FAILED or SKIPPED
     * @param commit     the pushed commit, once PUSHED
     * @param reason     why FAILED or SKIPPED, or the last failed attempt while REQUESTED
     * @param attempts   push attempts made
     * @param updatedAt  when it last changed
     */
    @Schema(name = "JobResultBranch")
    public record ResultBranchView(String name, String credential, ResultBranchEntity.State state, String commit,
                                   String reason, int attempts, Instant updatedAt) {

        /** @return the view of a stored row, or {@code null} for none */
        public static ResultBranchView of(ResultBranchEntity r) {
            return r == null ? null : new ResultBranchView(r.name, r.credential, r.state, r.commitId, r.reason, r.attempts,
                    r.updatedAt);
        }
    }

    /**
     * @param kind      {@code git} or {@code bundle}
     * @param gitUrl    the URL for {@code git}
     * @param ref       the ref asked for, or {@code null}
     * @param commit    the resolved commit, once known
     * @param bundleSha SHA-256 of the stored bundle ({@code GET /sources/{sha}}), once known
     */
    @Schema(name = "JobSource")
    public record SourceView(String kind, String gitUrl, String ref, String commit, String bundleSha) {
    }

    /**
     * @param kind        REPAIR, FIX_LOG or IMPLEMENT
     * @param text        the user's words
     * @param testCommand the test command, or {@code null} (detected)
     * @param reproduceCommand a FIX_LOG job's command that makes the logged failure happen, or {@code null}
     */
    @Schema(name = "JobTask")
    public record TaskView(TaskKind kind, String text, String testCommand, String reproduceCommand) {
    }

    /** @return the view of a stored job (reads its result branch, if any) */
    public static JobView of(JobEntity j) {
        return of(j, ResultBranchEntity.findById(j.id));
    }

    /**
     * @param page stored jobs
     * @return their views, in the same order (their result branches read in one query)
     */
    public static java.util.List<JobView> of(java.util.List<JobEntity> page) {
        java.util.Map<UUID, ResultBranchEntity> branches = new java.util.HashMap<>();
        if (!page.isEmpty()) {
            ResultBranchEntity.<ResultBranchEntity>list("jobId in ?1", page.stream().map(j -> j.id).toList())
                    .forEach(r -> branches.put(r.jobId, r));
        }
        return page.stream().map(j -> of(j, branches.get(j.id))).toList();
    }

    /**
     * @param j  a stored job
     * @param rb its result branch, or {@code null}
     * @return the view
     */
    public static JobView of(JobEntity j, ResultBranchEntity rb) {
        long duration = j.durationMs != null ? j.durationMs : Duration.between(j.submittedAt, Instant.now()).toMillis();
        return new JobView(j.id, j.state.name(), j.outcome, j.reason, j.iteration, j.candidatesProposed,
                j.candidatesVerified, j.candidatesFailed, j.submittedAt, j.concludedAt, duration, j.patch != null,
                new SourceView(j.sourceKind, j.sourceUrl, j.sourceRef, j.commitId, j.bundleSha),
                new TaskView(j.taskKind, j.taskText, j.testCommand, j.reproduceCommand), j.budget(), j.team, j.priority,
                ResultBranchView.of(rb));
    }
}
