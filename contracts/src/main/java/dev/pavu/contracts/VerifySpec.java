package dev.pavu.contracts;

import java.util.List;

/**
 * How the verifier is to check the candidates of a plan.
 *
 * @param testCommand     command that runs the tests, or {@code null} to use the detected toolchain's: the verifier runs
 *                        it as {@code sh -c <testCommand>} in the candidate's workspace inside its sandbox (same
 *                        limits, no network) on every candidate, reads the JUnit XML reports it writes
 *                        ({@code TEST-*.xml} under {@code target/surefire-reports}, {@code build/test-results} or
 *                        {@code $PAVU_REPORTS_DIR}) and otherwise judges by its exit code (0 = pass)
 * @param timeoutMs       wall-clock limit per candidate, milliseconds
 * @param testsFirst      test ids ({@code Class#method}) to run before the whole suite, to fail fast; may be empty
 * @param collectCoverage true to record per-test line coverage (diagnostic run for fault localisation)
 * @param gates           the job's gate policy (linters, tests first, runtime probe); {@code null} = the verifier's
 *                        configured defaults (absent in events written before v1.x, read as {@code null})
 * @param priority        the job's priority ({@link TaskSpec#MIN_PRIORITY}–{@link TaskSpec#MAX_PRIORITY}): the verifier
 *                        serves waiting candidates of higher-priority jobs first, and takes turns between jobs of one
 *                        priority (absent in events written before, read as {@link TaskSpec#DEFAULT_PRIORITY})
 * @param reproduce       a {@code FIX_LOG} job's reproduce check (gate {@code reproduce}, after the tests and the policy's
 *                        gates), or {@code null} for none (absent in events written before, read as {@code null})
 */
public record VerifySpec(String testCommand, long timeoutMs, List<String> testsFirst, boolean collectCoverage,
                         GatePolicy gates, Integer priority, ReproduceSpec reproduce) {

    public VerifySpec {
        priority = priority == null ? TaskSpec.DEFAULT_PRIORITY : priority;
        testsFirst = testsFirst == null ? List.of() : List.copyOf(testsFirst);
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("verify.timeoutMs must be positive, was " + timeoutMs);
        }
    }

    /** A spec without a reproduce check. */
    public VerifySpec(String testCommand, long timeoutMs, List<String> testsFirst, boolean collectCoverage,
                      GatePolicy gates, Integer priority) {
        this(testCommand, timeoutMs, testsFirst, collectCoverage, gates, priority, null);
    }

    /** A spec with the default priority. */
    public VerifySpec(String testCommand, long timeoutMs, List<String> testsFirst, boolean collectCoverage,
                      GatePolicy gates) {
        this(testCommand, timeoutMs, testsFirst, collectCoverage, gates, TaskSpec.DEFAULT_PRIORITY);
    }

    /** A spec without a gate policy: the verifier's defaults apply. */
    public VerifySpec(String testCommand, long timeoutMs, List<String> testsFirst, boolean collectCoverage) {
        this(testCommand, timeoutMs, testsFirst, collectCoverage, null);
    }

    /**
     * @param policy the job's gate policy, or {@code null} for the verifier's defaults
     * @return this spec with {@code policy}
     */
    public VerifySpec withGates(GatePolicy policy) {
        return new VerifySpec(testCommand, timeoutMs, testsFirst, collectCoverage, policy, priority, reproduce);
    }
}
