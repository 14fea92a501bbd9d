package dev.pavu.planner.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A plausible patch of a job and, once the job concluded, its place in the job's ranking (table {@code planner.plausible_patches}). */
@Entity
@Table(name = "plausible_patches")
public class PlausiblePatchEntity extends PanacheEntityBase {
    @Id
    @Column(name = "candidate_id")
    public UUID candidateId;
    @Column(name = "job_id")
    public UUID jobId;
    /** Its fix pattern, or {@code null}. */
    public String pattern;
    /** Its unified diff. */
    public String diff;
    /** Tests its verification ran (all passed). */
    @Column(name = "tests_run")
    public int testsRun;
    /** When the planner counted its PASS verdict. */
    @Column(name = "found_at")
    public Instant foundAt;
    /** 1 for the job's patch, 2, 3, …; {@code null} until the job concluded. */
    public Integer rank;
    /** Its ranking score (0–1), or {@code null} until the job concluded. */
    public Double score;
    /** Why it ranks where it does, one reason a line, or {@code null} until the job concluded. */
    public String reasons;

    /**
     * @param jobId a job
     * @return its plausible patches in the order found
     */
    public static List<PlausiblePatchEntity> ofJob(UUID jobId) {
        return list("jobId = ?1 order by foundAt, candidateId", jobId);
    }
}
