package dev.pavu.verifier.gate;

import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One candidate's run as every gate sees it: its wall-clock limit, the deadline that limit set when the run started,
 * its log and the signal to stop early. Passed whole instead of four loose parameters.
 *
 * @param timeout       the candidate's whole limit (named in a timeout's reason)
 * @param deadlineNanos {@link System#nanoTime()} at which the limit passes
 * @param log           the candidate's log
 * @param watch         polled about once a second for an early stop (the job concluded, …)
 */
public record RunContext(Duration timeout, long deadlineNanos, OutputCapture log, RunWatch watch) {

    /**
     * @param timeout the candidate's limit
     * @param log     its log
     * @param watch   its stop signal
     * @return a run whose deadline is {@code timeout} from now
     */
    public static RunContext startingNow(Duration timeout, OutputCapture log, RunWatch watch) {
        return new RunContext(timeout, System.nanoTime() + timeout.toNanos(), log, watch);
    }

    /** @return the same limit, log and watch with a fresh deadline from now (the baseline's lint, outside the candidate's time) */
    public RunContext restarted() {
        return startingNow(timeout, log, watch);
    }

    /** @return what is left of the limit, milliseconds, at least 1 */
    public long remainingMs() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Writes {@code [pavu] <line>} to the log. */
    public void note(String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
