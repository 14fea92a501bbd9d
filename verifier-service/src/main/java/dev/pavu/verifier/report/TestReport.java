package dev.pavu.verifier.report;

import dev.pavu.contracts.TestFailure;

import java.util.List;

/**
 * The tests of one run as the surefire XML reports tell them.
 *
 * @param testsRun     test cases executed (skipped ones excluded)
 * @param testsFailed  test cases that failed or errored
 * @param testsSkipped test cases skipped
 * @param failures     the failing test cases, in report order, at most the configured number
 * @param reportFiles  number of {@code TEST-*.xml} files read
 */
public record TestReport(int testsRun, int testsFailed, int testsSkipped, List<TestFailure> failures, int reportFiles) {

    /** A report of nothing: no report file found. */
    public static final TestReport EMPTY = new TestReport(0, 0, 0, List.of(), 0);

    public TestReport {
        failures = List.copyOf(failures);
    }

    /** @return true when at least one report file was found */
    public boolean found() {
        return reportFiles > 0;
    }
}
