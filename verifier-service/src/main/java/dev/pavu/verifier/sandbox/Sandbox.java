package dev.pavu.verifier.sandbox;

import java.io.IOException;
import java.util.Optional;

/**
 * Runs untrusted commands (builds and tests of candidate patches) with limits: a private writable
 * workspace, no network unless asked, a wall-clock timeout that kills the whole process tree, and capped
 * output. Implementations must be safe to call from several threads.
 *
 * <p>Inject it as {@code Sandbox} and ask it (never {@code instanceof}: the injected bean is a CDI client proxy).
 */
public interface Sandbox {

    /** @return short name for logs and verdicts, e.g. {@code bubblewrap} or {@code unsandboxed} */
    String name();

    /** @return true when the command is isolated from the network and from the rest of the file system */
    boolean isolated();

    /**
     * @return why candidates must not run at all (no working sandbox and running without one not allowed), with what
     * to set; empty when {@link #run} and {@link #start} may be used
     */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    /** @return one line on how runs are contained (for the log at start and {@code /q/health}) */
    default String describe() {
        return name();
    }

    /**
     * Runs one command to its end, its timeout or its cancellation. Never throws for what the command
     * does; a command that cannot be started is reported as {@link ExecResult.Termination#FAILED_TO_START}.
     *
     * @param request what to run and with which limits
     * @return how it ended
     */
    ExecResult run(ExecRequest request);

    /** @return true when {@link #start} is supported (a long-running process, e.g. the fast path's warm JVM) */
    default boolean canStart() {
        return false;
    }

    /**
     * Starts a long-running process in the same containment as {@link #run} (the same file system view, network,
     * user, system-call filter, cgroup caps and rlimits of {@code request.limits()}); the caller talks to it through
     * its standard streams and must {@link SandboxedProcess#close} it. The request's output sink, watch and timeout
     * are not used: the caller reads the output and decides when the process ends.
     *
     * @param request what to start (command, working directory, environment, paths, caps)
     * @return the started process
     * @throws IOException when it cannot be started, or this sandbox cannot start long-running processes
     */
    default SandboxedProcess start(ExecRequest request) throws IOException {
        throw new IOException("the " + name() + " sandbox cannot start a long-running process");
    }
}
