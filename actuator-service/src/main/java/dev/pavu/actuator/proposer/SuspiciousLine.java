package dev.pavu.actuator.proposer;

/**
 * A suspicious line of one file as the proposer uses it.
 *
 * @param line  1-based line
 * @param score suspiciousness in [0, 1]
 * @param rank  0-based position in the plan's ranking (ties in priority keep this order)
 */
public record SuspiciousLine(int line, double score, int rank) {
}
