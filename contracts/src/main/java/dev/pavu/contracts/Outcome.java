package dev.pavu.contracts;

/** How a job ended. */
public enum Outcome {
    /** A plausible patch was found (every test passes). */
    SUCCEEDED,
    /** The budget was spent without a plausible patch. */
    EXHAUSTED,
    /** The job could not be carried out (source unreachable, project does not build, unsupported layout, …). */
    FAILED,
    /** The user cancelled it. */
    CANCELLED
}
