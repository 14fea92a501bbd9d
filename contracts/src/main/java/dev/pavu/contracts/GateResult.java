package dev.pavu.contracts;

/**
 * The result of one verification gate.
 *
 * @param gate       {@code static}, {@code tests}, {@code lint} or {@code probe} (the verifier's gates, in that order)
 * @param status     what happened
 * @param durationMs wall-clock time of the gate, milliseconds
 * @param detail     one-line reason, e.g. {@code 2 of 14 tests failed} or {@code compilation failed: Stats.java:12}
 */
public record GateResult(String gate, Verdict status, long durationMs, String detail) {
}
