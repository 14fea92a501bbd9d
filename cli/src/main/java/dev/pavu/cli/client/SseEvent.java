package dev.pavu.cli.client;

/**
 * One server-sent event.
 *
 * @param id   the {@code id:} field, or {@code null}
 * @param name the {@code event:} field, {@code message} when absent
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String id, String name, String data) {
}
