package dev.pavu.bench.rangemerge;

/** An inclusive range of ints, e.g. line numbers or port numbers. */
public record Range(int start, int end) {

    public Range {
        if (end < start) {
            throw new IllegalArgumentException("empty range " + start + ".." + end);
        }
    }

    public int length() {
        return end - start + 1;
    }
}
