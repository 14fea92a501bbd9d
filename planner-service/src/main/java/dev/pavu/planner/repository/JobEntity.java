package dev.pavu.planner.repository;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TaskKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A job (table {@code planner.jobs}). JSON columns hold text written with the event codec's mapper. */
@Entity
@Table(name = "jobs")
public class JobEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    /** The team of the token that submitted it: only that team sees the job (DESIGN.md "Authentication and teams"). */
    public String team;
    @Enumerated(EnumType.STRING)
    public JobState state;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String reason;
    public String patch;
    @Column(name = "winning_candidate_id")
    public UUID winningCandidateId;

    @Column(name = "source_kind")
    public String sourceKind;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "commit_id")
    public String commitId;
    @Column(name = "bundle_sha")
    public String bundleSha;

    @Enumerated(EnumType.STRING)
    @Column(name = "task_kind")
    public TaskKind taskKind;
    @Column(name = "task_text")
    public String taskText;
    @Column(name = "test_command")
    public String testCommand;
    @Column(name = "error_log")
    public String errorLog;
    /** A {@code FIX_LOG} job's command that makes the logged failure happen, or {@code null}. */
    @Column(name = "reproduce_command")
    public String reproduceCommand;
    @Column(name = "models_json")
    public String modelsJson;
    /** The job's gate policy (JSON of {@code GatePolicy}), or {@code null} for the verifier's defaults. */
    @Column(name = "gates_json")
    public String gatesJson;

    /** 0 (lowest) to 9 (highest); the verifier serves waiting candidates of higher-priority jobs first. */
    public int priority;

    @Column(name = "max_iterations")
    public int maxIterations;
    @Column(name = "max_candidates")
    public int maxCandidates;
    @Column(name = "candidate_timeout_ms")
    public long candidateTimeoutMs;
    @Column(name = "job_timeout_ms")
    public long jobTimeoutMs;

    /** Current iteration: 0 while the baseline runs, then 1, 2, … */
    public int iteration;
    @Column(name = "candidates_proposed")
    public int candidatesProposed;
    /** Repair candidates with a verdict other than SKIPPED. */
    @Column(name = "candidates_verified")
    public int candidatesVerified;
    /** Repair candidates judged FAIL, TIMEOUT or ERROR. */
    @Column(name = "candidates_failed")
    public int candidatesFailed;
    /** Suspicious locations handed out in plans so far. */
    @Column(name = "locations_tried")
    public int locationsTried;
    /** The full ranking of suspicious locations (JSON array), set after the baseline. */
    @Column(name = "ranking_json")
    public String rankingJson;
    /** The baseline's failing tests (JSON array of TestFailure), set after the baseline. */
    @Column(name = "baseline_json")
    public String baselineJson;
    /** Tests that failed on the baseline, or {@code null} until its verdict. */
    @Column(name = "baseline_failed")
    public Integer baselineFailed;
    /** Partial fixes found when the job's last repair plan was sent (two-location patches). */
    @Column(name = "partials_offered")
    public int partialsOffered;
    /** Repair verdicts counted after the job's first plausible patch (plausible-patch ranking). */
    @Column(name = "ranking_verdicts")
    public int rankingVerdicts;

    @Column(name = "submitted_event_id")
    public UUID submittedEventId;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "concluded_at")
    public Instant concludedAt;
    @Column(name = "duration_ms")
    public Long durationMs;

    /** @return the job's budget */
    public Budget budget() {
        return new Budget(maxIterations, maxCandidates, candidateTimeoutMs, jobTimeoutMs);
    }

    /** @return the source as known now (resolution filled in once the bundle is stored) */
    public SourceRef source() {
        return new SourceRef(sourceKind, sourceUrl, sourceRef, commitId, bundleSha);
    }

    /** @return true once the job has an outcome */
    public boolean concluded() {
        return state == JobState.CONCLUDED;
    }
}
