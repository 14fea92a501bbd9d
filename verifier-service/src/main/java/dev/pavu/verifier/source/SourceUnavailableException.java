package dev.pavu.verifier.source;

/** A source bundle could not be had: unknown to the planner, or its content does not match its SHA-256. */
public class SourceUnavailableException extends RuntimeException {

    /** @param message what went wrong, naming the bundle */
    public SourceUnavailableException(String message) {
        super(message);
    }
}
