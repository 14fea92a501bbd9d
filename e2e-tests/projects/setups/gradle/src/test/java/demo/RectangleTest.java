package demo;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class RectangleTest {
    @Test
    public void areaOfASquare() {
        assertEquals(9.0, new Rectangle(3, 3).area(), 1e-9);
    }

    @Test
    public void areaOfARectangle() {
        assertEquals(8.0, new Rectangle(2, 4).area(), 1e-9);
    }

    @Test
    public void squares() {
        assertTrue(new Rectangle(2, 2).isSquare());
    }
}
