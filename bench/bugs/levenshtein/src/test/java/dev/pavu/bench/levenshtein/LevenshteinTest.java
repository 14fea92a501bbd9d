package dev.pavu.bench.levenshtein;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LevenshteinTest {

    @Test
    void identicalStrings() {
        assertEquals(0, Levenshtein.distance("kitten", "kitten"));
    }

    @Test
    void againstTheEmptyString() {
        assertEquals(5, Levenshtein.distance("", "hello"));
        assertEquals(5, Levenshtein.distance("hello", ""));
    }

    @Test
    void kittenToSitting() {
        assertEquals(3, Levenshtein.distance("kitten", "sitting"));
    }

    @Test
    void isSymmetric() {
        assertEquals(3, Levenshtein.distance("sitting", "kitten"));
    }

    @Test
    void substitutionsOnly() {
        assertEquals(2, Levenshtein.distance("flaw", "flow") + Levenshtein.distance("cat", "cut"));
    }
}
