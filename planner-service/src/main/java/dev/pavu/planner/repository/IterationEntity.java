package dev.pavu.planner.repository;

import dev.pavu.contracts.PlanKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One plan of a job (table {@code planner.iterations}): iteration 0 is the baseline. */
@Entity
@Table(name = "iterations")
public class IterationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "job_id")
    public UUID jobId;
    public int iteration;
    @Enumerated(EnumType.STRING)
    public PlanKind kind;
    @Column(name = "plan_event_id")
    public UUID planEventId;
    /** Index of this plan's first location in the job's ranking. */
    @Column(name = "location_from")
    public int locationFrom;
    @Column(name = "location_count")
    public int locationCount;
    @Column(name = "max_candidates")
    public int maxCandidates;
    /** Candidates the actuator emitted for this plan; {@code null} until CandidatesProposed arrives. */
    @Column(name = "candidate_count")
    public Integer candidateCount;
    @Column(name = "rejected_count")
    public Integer rejectedCount;
    /** Verdicts received for this plan's candidates (SKIPPED included). */
    public int verdicts;
    public boolean passed;
    @Column(name = "created_at")
    public Instant createdAt;

    /** @return the plan of a job's iteration, or {@code null} */
    public static IterationEntity of(UUID jobId, int iteration) {
        return find("jobId = ?1 and iteration = ?2", jobId, iteration).firstResult();
    }

    /** @return every plan of a job, by iteration */
    public static List<IterationEntity> ofJob(UUID jobId) {
        return list("jobId = ?1 order by iteration", jobId);
    }
}
