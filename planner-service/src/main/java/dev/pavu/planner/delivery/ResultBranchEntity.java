package dev.pavu.planner.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A job's requested result branch and what became of it (table {@code planner.result_branches}). */
@Entity
@Table(name = "result_branches")
public class ResultBranchEntity extends PanacheEntityBase {

    /** Where a result branch stands. */
    public enum State {
        /** Asked for; pushed once the job concludes SUCCEEDED with a patch. */
        REQUESTED,
        /** The branch holds the fix commit ({@link #commitId}). */
        PUSHED,
        /** The push failed for good ({@link #reason}); the job's outcome is not changed by it. */
        FAILED,
        /** Nothing to push: the job did not succeed, or nothing needed repair ({@link #reason}). */
        SKIPPED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;
    /** The branch name without {@code refs/heads/}, prefix included. */
    public String name;
    /** The operator-configured credential's name (never its secret). */
    public String credential;
    @Enumerated(EnumType.STRING)
    public State state;
    /** The pushed commit, once PUSHED. */
    @Column(name = "commit_id")
    public String commitId;
    /** Why FAILED or SKIPPED, or the last transient failure while still REQUESTED. */
    public String reason;
    /** Push attempts made. */
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Stores a job's request (call in the submission's transaction).
     *
     * @param jobId the new job
     * @param req   the validated request
     * @param now   the submission time
     */
    public static void request(UUID jobId, ResultBranchRequest req, Instant now) {
        ResultBranchEntity e = new ResultBranchEntity();
        e.jobId = jobId;
        e.name = req.name();
        e.credential = req.credential();
        e.state = State.REQUESTED;
        e.nextAttemptAt = now;
        e.updatedAt = now;
        e.persist();
    }
}
