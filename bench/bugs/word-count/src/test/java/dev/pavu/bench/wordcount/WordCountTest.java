package dev.pavu.bench.wordcount;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordCountTest {

    @Test
    void emptyTextHasNoWords() {
        assertEquals(0, WordCount.words(""));
    }

    @Test
    void whitespaceOnlyHasNoWords() {
        assertEquals(0, WordCount.words(" \t \n "));
    }

    @Test
    void twoWords() {
        assertEquals(2, WordCount.words("hello world"));
    }

    @Test
    void runsOfWhitespaceSeparateOnce() {
        assertEquals(4, WordCount.words("  one\ttwo  \n three   four "));
    }

    @Test
    void countsLines() {
        assertEquals(2, WordCount.lines("a b\nc\n"));
    }
}
