package dev.pavu.verifier.sandbox;

import java.util.Optional;

/**
 * Asked about once a second while a sandboxed process runs: a reason to stop it early (e.g. its job
 * concluded), or empty to let it go on. Also the place for a run's heartbeat.
 */
@FunctionalInterface
public interface RunWatch {

    /** A watch that never stops a run. */
    RunWatch NONE = () -> Optional.empty();

    /** @return a reason to cancel the run now, or empty */
    Optional<String> cancelReason();
}
