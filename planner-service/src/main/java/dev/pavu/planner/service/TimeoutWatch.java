package dev.pavu.planner.service;

import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every {@code pavu.planner.timeout-check-every}: concludes the open jobs past their {@code jobTimeoutMs}. */
@ApplicationScoped
public class TimeoutWatch {

    private final JobTransitions transitions;

    public TimeoutWatch(JobTransitions transitions) {
        this.transitions = transitions;
    }

    @Scheduled(every = "${pavu.planner.timeout-check-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = Instant.now();
        List<UUID> open = JobEntity.<JobEntity>list("state <> ?1", JobState.CONCLUDED).stream().map(j -> j.id).toList();
        for (UUID id : open) {
            try {
                transitions.concludeIfTimedOut(id, now);
            } catch (RuntimeException e) {
                Log.warnf(e, "timeout check of job %s failed", id);
            }
        }
    }
}
