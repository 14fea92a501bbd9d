package dev.pavu.updater.lesson;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure-message shape: data replaced, control characters gone, length bounded. */
class ShapesTest {

    @Test
    void messagesThatDifferOnlyInDataShareAShape() {
        String a = Shapes.shape("expected: <3.5> but was: <3.0>", 300);
        String b = Shapes.shape("expected: <1,207.25> but was: <-12>", 300);
        assertEquals("expected: <<num>> but was: <<num>>", a);
        assertEquals(a, b);
        assertEquals("key \"<str>\" missing in <id> at <hex>",
                Shapes.shape("key \"user-42\" missing in 123e4567-e89b-12d3-a456-426614174000 at 0x7ffe12", 300));
        assertEquals("Stats2.mean3 failed", Shapes.shape("Stats2.mean3 failed", 300), "digits inside names stay");
    }

    @Test
    void controlCharactersGoAndLengthIsBounded() {
        String shaped = Shapes.shape("boom\u001b[31m\r\n\u202e\u0007" + "x".repeat(100_000), 300);
        assertEquals(300, shaped.length());
        assertTrue(shaped.endsWith(Shapes.ELLIPSIS));
        assertTrue(shaped.startsWith("boom [31m xxx"), shaped);
        assertTrue(shaped.chars().noneMatch(Character::isISOControl));
        assertEquals("a\n\tb", Shapes.lines("a\r\n\t\u0007b", 100));
        assertEquals("", Shapes.clean(null, 10));
    }
}
