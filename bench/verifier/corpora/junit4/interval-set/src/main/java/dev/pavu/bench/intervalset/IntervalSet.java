package dev.pavu.bench.intervalset;

import java.util.ArrayList;
import java.util.List;

/** A set of integers kept as sorted, disjoint, non-adjacent closed intervals [lo, hi]. */
public final class IntervalSet {

    private final List<int[]> spans = new ArrayList<>();

    /**
     * Adds every integer of [lo, hi]; overlapping and adjacent intervals are merged into one.
     *
     * @param lo first integer
     * @param hi last integer (not below lo)
     */
    public void add(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException();
        }
        List<int[]> out = new ArrayList<>();
        int newLo = lo;
        int newHi = hi;
        int i = 0;
        while (i < spans.size() && spans.get(i)[1] < newLo - 1) {
            out.add(spans.get(i));
            i++;
        }
        while (i < spans.size() && spans.get(i)[0] <= newHi) {
            newLo = Math.min(newLo, spans.get(i)[0]);
            newHi = Math.max(newHi, spans.get(i)[1]);
            i++;
        }
        out.add(new int[] {newLo, newHi});
        while (i < spans.size()) {
            out.add(spans.get(i));
            i++;
        }
        spans.clear();
        spans.addAll(out);
    }

    /**
     * @param x an integer
     * @return true when x is in the set
     */
    public boolean contains(int x) {
        for (int[] s : spans) {
            if (x >= s[0] && x <= s[1]) {
                return true;
            }
        }
        return false;
    }

    /** @return how many integers the set holds */
    public long size() {
        long n = 0;
        for (int[] s : spans) {
            n += s[1] - s[0] + 1;
        }
        return n;
    }

    /** @return how many separate intervals the set is made of */
    public int intervalCount() {
        return spans.size();
    }

    /**
     * @param x an integer
     * @return the smallest integer of the set that is at least x, or x - 1 when there is none
     */
    public int ceiling(int x) {
        for (int[] s : spans) {
            if (x <= s[1]) {
                return Math.max(x, s[0]);
            }
        }
        return x - 1;
    }
}
