package dev.pavu.workspace.source;

/**
 * A source could not be resolved, bundled, fetched or checked out. The message says what failed (the URL, ref,
 * bundle or commit concerned and the underlying cause) and what to do about it.
 */
public class SourceException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     */
    public SourceException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed and what to do
     * @param cause   the underlying exception
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
