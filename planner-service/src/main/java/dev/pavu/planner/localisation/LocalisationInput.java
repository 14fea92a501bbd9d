package dev.pavu.planner.localisation;

import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;

import java.util.List;

/**
 * What fault localisation works from.
 *
 * @param failingTests the baseline's failing tests with messages and stack traces
 * @param errorLog     an error log given with the job (its stack traces count like a failing test's), or {@code null}
 * @param coverage     per-test coverage of a diagnostic run, empty when none (for spectrum-based sources)
 * @param callDepth    levels of callees followed from the methods the tests call
 */
public record LocalisationInput(List<TestFailure> failingTests, String errorLog, List<TestCoverage> coverage,
                                int callDepth) {
    public LocalisationInput {
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
    }
}
