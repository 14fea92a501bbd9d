package dev.pavu.bench.wordcount;

/** Counting words and lines of plain text. */
public final class WordCount {

    private WordCount() {
    }

    /** Number of maximal runs of non-whitespace characters. */
    public static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                inWord = false;
            } else if (!inWord) {
                inWord = true;
            }
        }
        return count;
    }

    public static long lines(String text) {
        return text.lines().count();
    }
}
