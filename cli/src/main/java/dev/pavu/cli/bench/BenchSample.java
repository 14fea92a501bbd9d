package dev.pavu.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A stable sample of a benchmark's programs for quick runs ({@code pavu bench --sample N}): the programs at evenly
 * spaced positions of the name-sorted list, so the same corpus and the same {@code N} always give the same programs,
 * spread over the whole corpus rather than its first letters. Pure.
 */
public final class BenchSample {

    private BenchSample() {
    }

    /**
     * @param programs the programs, sorted by name ({@link BenchProgram#discover} order)
     * @param n        how many to keep (≥ 1); {@code n ≥ programs.size()} keeps them all
     * @return the programs at positions {@code floor(i * size / n)} for {@code i = 0 … n-1}, in the same order
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static List<BenchProgram> of(List<BenchProgram> programs, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a sample holds at least 1 program, was " + n);
        }
        if (n >= programs.size()) {
            return List.copyOf(programs);
        }
        List<BenchProgram> sample = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sample.add(programs.get((int) ((long) i * programs.size() / n)));
        }
        return List.copyOf(sample);
    }
}
