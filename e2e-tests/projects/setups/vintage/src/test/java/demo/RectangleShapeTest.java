package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit 5 half of a mixed project. */
class RectangleShapeTest {
    @Test
    void perimeter() {
        assertEquals(12.0, new Rectangle(2, 4).perimeter(), 1e-9);
    }

    @Test
    void squares() {
        assertTrue(new Rectangle(2, 2).isSquare());
    }
}
