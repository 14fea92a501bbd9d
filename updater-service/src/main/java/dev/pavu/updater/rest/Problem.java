package dev.pavu.updater.rest;

/**
 * The JSON body of an error answer.
 *
 * @param status HTTP status
 * @param title  short name of the problem, e.g. {@code Bad Request}
 * @param detail what is wrong and how to fix it
 */
public record Problem(int status, String title, String detail) {
}
