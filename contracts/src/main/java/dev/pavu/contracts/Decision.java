package dev.pavu.contracts;

import java.util.Map;

/**
 * A recorded planning decision with its numbers, e.g. repair vs regenerate.
 *
 * @param strategy  the choice, e.g. {@code repair} or {@code regenerate}
 * @param numbers   the inputs and results behind it, by name (probabilities in [0, 1], costs in tokens or seconds)
 * @param rationale one or two sentences a person can read
 */
public record Decision(String strategy, Map<String, Double> numbers, String rationale) {
    public Decision {
        numbers = numbers == null ? Map.of() : Map.copyOf(numbers);
    }
}
