package dev.pavu.contracts;

import java.util.Objects;

/**
 * How the verifier checks that a {@code FIX_LOG} job's logged failure is gone: after the tests pass it runs
 * {@code command} ({@code sh -c}) in the candidate's workspace inside its sandbox, with the same containment as the
 * tests (no network, only the workspace writable, the candidate's limits), and looks for {@code failure} in the
 * command's output ({@link LoggedFailure#occursIn}). Found: the gate {@code reproduce} FAILs ("the logged failure still
 * reproduces"); not found: it passes, whatever the command's exit code (a program may exit non-zero for other reasons).
 *
 * @param command shell command that makes the logged failure happen on the unfixed code, e.g.
 *                {@code java -cp target/classes demo.Main}
 * @param failure the logged failure (exception type and top frames) read from the job's error log
 */
public record ReproduceSpec(String command, LoggedFailure failure) {

    public ReproduceSpec {
        Objects.requireNonNull(command, "command is required");
        Objects.requireNonNull(failure, "failure is required");
    }
}
