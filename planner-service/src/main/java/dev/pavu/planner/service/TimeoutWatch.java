package dev.pavu.planner.service;

import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every {@code pavu.planner.timeout-check-every}: concludes the open jobs past their {@code jobTimeoutMs} (the reason
 * names the stage they stalled at), and has the {@link ProgressWatchdog} re-send the unanswered plans of the others.
 */
@ApplicationScoped
public class TimeoutWatch {

    private final JobTransitions transitions;
    private final ProgressWatchdog watchdog;

    public TimeoutWatch(JobTransitions transitions, ProgressWatchdog watchdog) {
        this.transitions = transitions;
        this.watchdog = watchdog;
    }

    @Scheduled(every = "${pavu.planner.timeout-check-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = Instant.now();
        List<UUID> open = JobEntity.<JobEntity>list("state <> ?1", JobState.CONCLUDED).stream().map(j -> j.id).toList();
        for (UUID id : open) {
            try {
                transitions.concludeIfTimedOut(id, now);
                watchdog.nudge(id, now);
            } catch (RuntimeException e) {
                Log.warnf(e, "timeout check of job %s failed", id);
            }
        }
    }
}
