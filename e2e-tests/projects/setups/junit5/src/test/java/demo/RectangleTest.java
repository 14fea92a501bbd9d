package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RectangleTest {
    @Test
    void areaOfASquare() {
        assertEquals(9.0, new Rectangle(3, 3).area(), 1e-9);
    }

    @Test
    void areaOfARectangle() {
        assertEquals(8.0, new Rectangle(2, 4).area(), 1e-9);
    }

    @Test
    void squares() {
        assertTrue(new Rectangle(2, 2).isSquare());
        assertFalse(new Rectangle(2, 3).isSquare());
    }
}
