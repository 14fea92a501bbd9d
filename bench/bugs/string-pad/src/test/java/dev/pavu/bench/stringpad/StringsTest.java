package dev.pavu.bench.stringpad;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringsTest {

    @Test
    void padsOnTheLeft() {
        assertEquals("0042", Strings.padLeft("42", 4, '0'));
        assertEquals("12345", Strings.padLeft("12345", 4, '0'));
    }

    @Test
    void padsOnTheRight() {
        assertEquals("ab  ", Strings.padRight("ab", 4, ' '));
    }

    @Test
    void paddingNullGivesOnlyPadding() {
        assertEquals("***", Strings.padLeft(null, 3, '*'));
    }

    @Test
    void whitespaceIsBlank() {
        assertTrue(Strings.isBlank(" \t\n"));
        assertFalse(Strings.isBlank(" x "));
    }

    @Test
    void nullIsBlank() {
        assertTrue(Strings.isBlank(null));
    }

    @Test
    void defaultReplacesBlankInput() {
        assertEquals("n/a", Strings.defaultIfBlank(null, "n/a"));
        assertEquals("n/a", Strings.defaultIfBlank("  ", "n/a"));
        assertEquals("Ann", Strings.defaultIfBlank("Ann", "n/a"));
    }
}
