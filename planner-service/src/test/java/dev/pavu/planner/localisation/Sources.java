package dev.pavu.planner.localisation;

/** Line helpers for test sources that mark lines with comments. */
final class Sources {
    private Sources() {
    }

    /** @return the 1-based line of the first line containing {@code marker} */
    static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line with " + marker);
    }
}
