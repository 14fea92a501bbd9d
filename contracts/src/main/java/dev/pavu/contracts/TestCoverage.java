package dev.pavu.contracts;

import java.util.List;
import java.util.Map;

/**
 * Lines covered by one test in a diagnostic run (for spectrum-based fault localisation).
 *
 * @param testId      {@code Class#method}
 * @param passed      whether the test passed
 * @param linesByFile repository-relative source path → covered 1-based line numbers
 */
public record TestCoverage(String testId, boolean passed, Map<String, List<Integer>> linesByFile) {
    public TestCoverage {
        linesByFile = linesByFile == null ? Map.of() : Map.copyOf(linesByFile);
    }
}
