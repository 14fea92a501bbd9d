package dev.pavu.bench.truncate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextsTest {

    @Test
    void shortTextIsUnchanged() {
        assertEquals("Hello", Texts.truncate("Hello", 10));
    }

    @Test
    void textOfExactlyMaxLengthIsUnchanged() {
        assertEquals("Hello", Texts.truncate("Hello", 5));
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        assertEquals("Hello...", Texts.truncate("Hello, world", 8));
    }

    @Test
    void resultNeverExceedsMaxLength() {
        for (int max = 3; max < 20; max++) {
            assertEquals(true, Texts.truncate("The quick brown fox jumps", max).length() <= max, "max " + max);
        }
    }

    @Test
    void rejectsTooSmallMaxLength() {
        assertThrows(IllegalArgumentException.class, () -> Texts.truncate("Hello", 2));
    }
}
