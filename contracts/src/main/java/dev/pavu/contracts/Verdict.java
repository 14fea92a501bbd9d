package dev.pavu.contracts;

/** Outcome of verifying one candidate patch (or of one gate). */
public enum Verdict {
    /** Every gate passed: the candidate is a plausible patch. */
    PASS,
    /** A gate failed: did not compile, or tests failed. */
    FAIL,
    /** The wall-clock limit was hit (e.g. an infinite loop); the run was killed. */
    TIMEOUT,
    /** The verifier could not judge: the patch did not apply, the sandbox failed, a limit other than time was hit. */
    ERROR,
    /** Not run: the job had already concluded or was cancelled. */
    SKIPPED
}
