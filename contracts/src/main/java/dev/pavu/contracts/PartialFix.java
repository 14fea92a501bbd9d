package dev.pavu.contracts;

import java.util.Objects;

/**
 * A verified candidate that made some, not all, of the baseline's failing tests pass: it compiled, fewer tests
 * failed than on the baseline, and more than none. The planner hands the best ones to the next plans so the actuator
 * can combine them with a second edit (two-location patches).
 *
 * @param diff        the candidate's unified diff (git style), never blank
 * @param pattern     its fix pattern, or {@code null}
 * @param testsFailed tests that still failed with it (fewer than the baseline's)
 */
public record PartialFix(String diff, String pattern, int testsFailed) {
    public PartialFix {
        Objects.requireNonNull(diff, "diff is required");
        if (diff.isBlank()) {
            throw new IllegalArgumentException("a partial fix has a diff");
        }
    }
}
