package demo;

import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertEquals;

/** The JUnit 4 half of a mixed project: it runs on the project's JUnit Vintage engine. */
public class RectangleTest {
    private Rectangle rectangle;

    @Before
    public void setUp() {
        rectangle = new Rectangle(2, 4);
    }

    @Test(timeout = 3000)
    public void areaOfARectangle() {
        assertEquals(8.0, rectangle.area(), 1e-9);
    }
}
