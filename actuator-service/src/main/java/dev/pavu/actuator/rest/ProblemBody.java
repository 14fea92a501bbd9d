package dev.pavu.actuator.rest;

/**
 * A JSON problem body (RFC 9457 fields) for bad requests.
 *
 * @param title  short summary
 * @param status HTTP status
 * @param detail what is wrong and how to fix it
 */
public record ProblemBody(String title, int status, String detail) {
}
