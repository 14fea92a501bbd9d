package dev.pavu.contracts;

/**
 * Thrown when bytes on a topic are not a readable Pavu event: not JSON, no envelope, an unknown type,
 * an unsupported major version, or a required field missing. The message says which, so the record
 * can be sent to the dead-letter topic with that reason. No partly read event is ever returned.
 */
public class EventFormatException extends RuntimeException {
    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
