package dev.pavu.contracts;

/**
 * A failing test as the verifier saw it.
 *
 * @param testId     {@code fully.qualified.Class#method}
 * @param className  fully qualified test class
 * @param methodName test method
 * @param kind       {@code failure} (assertion) or {@code error} (unexpected exception, timeout)
 * @param message    the assertion or exception message (truncated to a few KB), may be {@code null}
 * @param stackTrace the stack trace (truncated to a few KB), may be {@code null}
 */
public record TestFailure(String testId, String className, String methodName, String kind, String message,
                          String stackTrace) {
}
