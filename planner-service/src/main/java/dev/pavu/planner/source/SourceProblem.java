package dev.pavu.planner.source;

/** A job's source could not be resolved; the message is the reason given to the user. */
public class SourceProblem extends Exception {
    public SourceProblem(String message) {
        super(message);
    }

    public SourceProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
