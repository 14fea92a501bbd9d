package dev.pavu.verifier.sandbox;

/**
 * Runs untrusted commands (builds and tests of candidate patches) with limits: a private writable
 * workspace, no network unless asked, a wall-clock timeout that kills the whole process tree, and capped
 * output. Implementations must be safe to call from several threads.
 */
public interface Sandbox {

    /** @return short name for logs and verdicts, e.g. {@code bubblewrap} or {@code unsandboxed} */
    String name();

    /** @return true when the command is isolated from the network and from the rest of the file system */
    boolean isolated();

    /**
     * Runs one command to its end, its timeout or its cancellation. Never throws for what the command
     * does; a command that cannot be started is reported as {@link ExecResult.Termination#FAILED_TO_START}.
     *
     * @param request what to run and with which limits
     * @return how it ended
     */
    ExecResult run(ExecRequest request);
}
