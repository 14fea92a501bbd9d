package dev.pavu.planner.retention;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The scheduled retention run: every {@code pavu.retention.every} (default 1 h) when {@code pavu.retention.enabled},
 * the configured policy for every team ({@link RetentionService}).
 */
@ApplicationScoped
public class RetentionSchedule {

    private final RetentionService retention;
    private final RetentionConfig config;

    public RetentionSchedule(RetentionService retention, RetentionConfig config) {
        this.retention = retention;
        this.config = config;
    }

    @Scheduled(every = "${pavu.retention.every:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled()) {
            return;
        }
        try {
            retention.run(Optional.empty(), null, false);
        } catch (RuntimeException e) {
            Log.warnf(e, "scheduled retention run failed (it runs again in %s)", config.every());
        }
    }
}
