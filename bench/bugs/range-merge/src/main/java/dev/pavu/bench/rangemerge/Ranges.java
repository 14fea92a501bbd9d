package dev.pavu.bench.rangemerge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merging overlapping or adjacent ranges. */
public final class Ranges {

    private Ranges() {
    }

    /** The union of {@code ranges} as sorted, disjoint, non-adjacent ranges. */
    public static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Range::start));
        List<Range> merged = new ArrayList<>();
        Range current = null;
        for (Range r : sorted) {
            if (r.start() <= current.end() + 1) {
                current = new Range(current.start(), Math.max(current.end(), r.end()));
            } else {
                if (current != null) {
                    merged.add(current);
                }
                current = r;
            }
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }
}
