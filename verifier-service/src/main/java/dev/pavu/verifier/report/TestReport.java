package dev.pavu.verifier.report;

import dev.pavu.contracts.TestFailure;

import java.util.List;
import java.util.Set;

/**
 * The tests of one run as the surefire XML reports tell them.
 *
 * @param testsRun     test cases executed (skipped ones excluded)
 * @param testsFailed  test cases that failed or errored
 * @param testsSkipped test cases skipped
 * @param failures     the failing test cases, in report order, at most the configured number
 * @param reportFiles  number of {@code TEST-*.xml} files read
 * @param executedIds  ids ({@code Class#method}, parameterised cases folded into one) of the test cases executed
 *                     (passed or failed), at most {@link #MAX_IDS}; {@code null} = not known (e.g. the fast path)
 * @param skippedIds   ids of the test cases skipped, at most {@link #MAX_IDS}; {@code null} = not known
 */
public record TestReport(int testsRun, int testsFailed, int testsSkipped, List<TestFailure> failures, int reportFiles,
                         Set<String> executedIds, Set<String> skippedIds) {

    /** Test ids kept per run at most (a suite beyond that is compared by count past it). */
    public static final int MAX_IDS = 50_000;

    /** A report of nothing: no report file found. */
    public static final TestReport EMPTY = new TestReport(0, 0, 0, List.of(), 0, Set.of(), Set.of());

    public TestReport {
        failures = List.copyOf(failures);
        executedIds = executedIds == null ? null : Set.copyOf(executedIds);
        skippedIds = skippedIds == null ? null : Set.copyOf(skippedIds);
    }

    /** A report whose test ids are not known (counts only). */
    public TestReport(int testsRun, int testsFailed, int testsSkipped, List<TestFailure> failures, int reportFiles) {
        this(testsRun, testsFailed, testsSkipped, failures, reportFiles, null, null);
    }

    /** @return true when at least one report file was found */
    public boolean found() {
        return reportFiles > 0;
    }
}
