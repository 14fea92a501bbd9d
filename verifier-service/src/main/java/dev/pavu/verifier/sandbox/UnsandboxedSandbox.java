package dev.pavu.verifier.sandbox;

/**
 * Runs commands as plain child processes: a private working copy, a cleared environment, the wall-clock
 * limit and the output cap, but no isolation of network or file system. Used only where bubblewrap is
 * missing (a WARN is logged at start and every verdict's gate detail says {@code unsandboxed}).
 */
public final class UnsandboxedSandbox implements Sandbox {

    @Override
    public String name() {
        return "unsandboxed";
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public ExecResult run(ExecRequest request) {
        return ProcessRunner.run(request.command(), request);
    }
}
