package dev.pavu.planner.repository;

import dev.pavu.contracts.Verdict;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A candidate's verdict as the planner counted it (table {@code planner.verdicts}). */
@Entity
@Table(name = "verdicts")
public class VerdictEntity extends PanacheEntityBase {
    @Id
    @Column(name = "candidate_id")
    public UUID candidateId;
    @Column(name = "job_id")
    public UUID jobId;
    @Column(name = "plan_id")
    public UUID planId;
    @Enumerated(EnumType.STRING)
    public Verdict verdict;
    /** SHA-256 (hex) of the normalised diff, or {@code null} for the empty patch. */
    @Column(name = "patch_hash")
    public String patchHash;
    @Column(name = "received_at")
    public Instant receivedAt;
    /** Tests that failed with the candidate, or {@code null} when unknown. */
    @Column(name = "tests_failed")
    public Integer testsFailed;
    /** Tests that passed in the candidate's run (tests run − tests failed), or {@code null} when unknown. */
    @Column(name = "tests_passed")
    public Integer testsPassed;
    /** The candidate's diff when it is a partial fix (fewer failing tests than the baseline, more than none), else {@code null}. */
    @Column(name = "partial_diff")
    public String partialDiff;
    /** The candidate's fix pattern, or {@code null}. */
    public String pattern;
}
