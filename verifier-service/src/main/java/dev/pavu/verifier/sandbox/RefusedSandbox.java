package dev.pavu.verifier.sandbox;

import java.util.Optional;

/**
 * Stands in where no sandbox works and running without one is not allowed: the verifier stays up, but every
 * candidate gets an ERROR verdict with {@link #refusal()} (what is missing and what to set), {@code /q/health/ready}
 * is DOWN, and nothing is ever run.
 */
public final class RefusedSandbox implements Sandbox {

    private final String reason;

    /** @param reason why candidates cannot run and what to set, one line */
    public RefusedSandbox(String reason) {
        this.reason = reason;
    }

    @Override
    public String name() {
        return "none (refusing candidates)";
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public Optional<String> refusal() {
        return Optional.of(reason);
    }

    @Override
    public String describe() {
        return "no working sandbox, candidates are refused: " + reason;
    }

    /** Never runs anything: reports the refusal as a command that could not start. */
    @Override
    public ExecResult run(ExecRequest request) {
        return new ExecResult(ExecResult.Termination.FAILED_TO_START, -1, 0, "not run: " + reason);
    }
}
