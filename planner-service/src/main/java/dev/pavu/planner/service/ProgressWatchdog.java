package dev.pavu.planner.service;

import dev.pavu.kit.outbox.Outbox;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps a job moving before its timeout ends it: when the current plan has had no answer for
 * {@code pavu.planner.stall-after} (the actuator never sent its candidate count, no verdict came), the plan is sent
 * again through the outbox — the same event id and bytes, so an actuator that did answer it skips it, and one that
 * lost it (a record dead-lettered during an outage) answers it now. (The stage a job stalled at, for the reason of a
 * job that times out, is {@code dev.pavu.planner.job.JobStages}.)
 */
@ApplicationScoped
public class ProgressWatchdog {

    private final PlannerConfig config;
    private final Outbox outbox;

    public ProgressWatchdog(PlannerConfig config, Outbox outbox) {
        this.config = config;
        this.outbox = outbox;
    }

    /**
     * Re-sends the job's current plan when it has been unanswered for {@code stall-after}.
     *
     * @param jobId the job
     * @param now   the time now
     * @return true when the plan is being sent again
     */
    @Transactional
    public boolean nudge(UUID jobId, Instant now) {
        JobEntity job = JobEntity.findById(jobId);
        if (job == null || job.concluded() || job.state == JobState.QUEUED) {
            return false;
        }
        IterationEntity plan = IterationEntity.of(job.id, job.iteration);
        if (plan == null || plan.candidateCount != null || plan.verdicts > 0
                || Duration.between(plan.createdAt, now).compareTo(config.stallAfter()) < 0) {
            return false;
        }
        boolean again = outbox.resend(plan.planEventId, config.stallAfter());
        if (again) {
            Log.warnf("job %s: its %s plan %s (iteration %d) has had no answer for %d s: sending it again (event %s)",
                    job.id, plan.kind, plan.planId, plan.iteration, Duration.between(plan.createdAt, now).toSeconds(),
                    plan.planEventId);
        }
        return again;
    }
}
