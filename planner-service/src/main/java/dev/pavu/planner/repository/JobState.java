package dev.pavu.planner.repository;

/** Where a job stands in the planner's state machine. */
public enum JobState {
    /** Stored and announced; the source is being resolved. */
    QUEUED,
    /** The baseline plan (empty patch) is out; waiting for its verdict. */
    BASELINE,
    /** A repair plan is out (iteration ≥ 1); waiting for candidates and verdicts. */
    REPAIRING,
    /** Ended; see the outcome. */
    CONCLUDED
}
