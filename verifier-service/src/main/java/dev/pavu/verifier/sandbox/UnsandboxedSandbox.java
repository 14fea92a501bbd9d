package dev.pavu.verifier.sandbox;

import java.io.IOException;

/**
 * Runs commands as plain child processes: a private working copy, a cleared environment, the wall-clock
 * limit and the output cap, but no isolation of network or file system. Used only when explicitly allowed
 * ({@code pavu.verifier.sandbox.kind=none}, or {@code allow-unsandboxed=true} where bubblewrap is missing): a WARN is
 * logged at start, {@code /q/health} says so and every verdict's log and gate details say {@code unsandboxed}.
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
    public String describe() {
        return "UNSANDBOXED: candidates run as plain processes with the verifier's user, network and file system";
    }

    @Override
    public ExecResult run(ExecRequest request) {
        return ProcessRunner.run(request.command(), request);
    }

    @Override
    public boolean canStart() {
        return true;
    }

    @Override
    public SandboxedProcess start(ExecRequest request) throws IOException {
        return new SandboxedProcess(ProcessRunner.spawn(request.command(), request), null, request.limits(), name());
    }
}
