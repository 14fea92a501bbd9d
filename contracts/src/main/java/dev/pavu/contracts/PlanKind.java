package dev.pavu.contracts;

/** What a plan asks the actuator for. */
public enum PlanKind {
    /** Iteration 0: propose only the empty patch, whose verdict is the baseline. */
    BASELINE,
    /** Propose candidate patches at the suspicious locations. */
    REPAIR,
    /** Regenerate whole functions (needs a language model). */
    GENERATE
}
