package dev.pavu.contracts;

/**
 * Thrown by {@link EventOrigins#check} when an event names a producer that may not publish its type, or arrived on a
 * topic that does not carry its type: the consumer drops it to its dead-letter topic with this message as the reason
 * (it is an {@link EventFormatException}, so every consumer already does), and nothing of it is applied.
 */
public class ForgedEventException extends EventFormatException {
    public ForgedEventException(String message) {
        super(message);
    }
}
