package demo;

import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class RectangleTest {
    private Rectangle rectangle;

    @BeforeMethod
    public void setUp() {
        rectangle = new Rectangle(2, 4);
    }

    @Test
    public void areaOfARectangle() {
        assertEquals(rectangle.area(), 8.0, 1e-9);
    }

    @Test
    public void perimeter() {
        assertEquals(rectangle.perimeter(), 12.0, 1e-9);
    }

    @Test
    public void squares() {
        assertTrue(new Rectangle(3, 3).isSquare());
    }
}
