package dev.pavu.contracts;

/** What a job asks for. */
public enum TaskKind {
    /** Make the failing tests pass. */
    REPAIR,
    /** Fix the error shown in a log (runtime failure, crash). */
    FIX_LOG,
    /** Implement a function so that its tests pass (needs a language model). */
    IMPLEMENT
}
