package dev.pavu.workspace.source;

import java.time.Duration;
import org.eclipse.jgit.lib.ProgressMonitor;

/** A JGit progress monitor that cancels the operation once its time limit has passed. */
final class DeadlineMonitor implements ProgressMonitor {

    private final Duration limit;
    private final long deadline;
    private volatile boolean expired;

    DeadlineMonitor(Duration limit) {
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    Duration limit() {
        return limit;
    }

    boolean expired() {
        return expired;
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
    }

    @Override
    public void update(int completed) {
    }

    @Override
    public void endTask() {
    }

    @Override
    public boolean isCancelled() {
        if (System.nanoTime() - deadline > 0) {
            expired = true;
        }
        return expired;
    }

    @Override
    public void showDuration(boolean enabled) {
    }
}
