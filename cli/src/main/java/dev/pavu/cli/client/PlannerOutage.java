package dev.pavu.cli.client;

import dev.pavu.cli.CliException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The grace period of a command that follows a job while the planner may be restarting: a planner that stops
 * answering is retried until it has been unreachable for {@link #GRACE}; then the last error is thrown.
 * Any other error (the planner answered with a problem, a usage error of the command) is thrown at once.
 * One instance per followed job; not thread-safe.
 */
public final class PlannerOutage {

    /** How long the planner may be unreachable while a job is followed. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private final Duration grace;
    private final LongSupplier nanoClock;
    private long since;

    /** An outage tracker with {@link #GRACE} on the system's monotonic clock. */
    public PlannerOutage() {
        this(GRACE, System::nanoTime);
    }

    /**
     * @param grace     how long the planner may stay unreachable
     * @param nanoClock a monotonic clock in nanoseconds (tests pass their own)
     */
    public PlannerOutage(Duration grace, LongSupplier nanoClock) {
        this.grace = grace;
        this.nanoClock = nanoClock;
    }

    /** The planner answered: the next failure starts a new grace period. */
    public void answered() {
        since = 0;
    }

    /**
     * Decides what a failed call means.
     *
     * @param e     the failure of a call to the planner
     * @param notes where the first failure of an outage is noted ("(…; retrying for 30 s)"), or {@code null}
     * @throws PlannerException when the planner answered with a problem (always rethrown)
     * @throws CliException     {@code e} itself, when it is not an unreachable planner or the grace period is over
     */
    public void failed(CliException e, PrintStream notes) {
        if (e instanceof PlannerException || e.exitCode() != CliException.USAGE) {
            throw e;
        }
        long now = nanoClock.getAsLong();
        if (since == 0) {
            since = now;
            if (notes != null) {
                notes.println("(" + e.getMessage() + "; retrying for " + grace.toSeconds() + " s)");
            }
        } else if (now - since > grace.toNanos()) {
            throw e;
        }
    }

    /**
     * Sleeps between two polls.
     *
     * @param d how long
     * @throws CliException when the thread is interrupted (the command ends)
     */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }
}
