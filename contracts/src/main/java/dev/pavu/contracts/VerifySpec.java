package dev.pavu.contracts;

import java.util.List;

/**
 * How the verifier is to check the candidates of a plan.
 *
 * @param testCommand     shell command that runs the tests, or {@code null} to use the detected toolchain's
 * @param timeoutMs       wall-clock limit per candidate, milliseconds
 * @param testsFirst      test ids ({@code Class#method}) to run before the whole suite, to fail fast; may be empty
 * @param collectCoverage true to record per-test line coverage (diagnostic run for fault localisation)
 */
public record VerifySpec(String testCommand, long timeoutMs, List<String> testsFirst, boolean collectCoverage) {

    public VerifySpec {
        testsFirst = testsFirst == null ? List.of() : List.copyOf(testsFirst);
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("verify.timeoutMs must be positive, was " + timeoutMs);
        }
    }
}
