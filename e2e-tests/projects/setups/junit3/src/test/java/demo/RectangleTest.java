package demo;

import junit.framework.TestCase;

/** JUnit 3: a TestCase with setUp/tearDown. */
public class RectangleTest extends TestCase {
    private Rectangle square;

    @Override
    protected void setUp() {
        square = new Rectangle(3, 3);
    }

    @Override
    protected void tearDown() {
        square = null;
    }

    public void testAreaOfASquare() {
        assertEquals(9.0, square.area(), 1e-9);
    }

    public void testAreaOfARectangle() {
        assertEquals(8.0, new Rectangle(2, 4).area(), 1e-9);
    }

    public void testPerimeter() {
        assertEquals(12.0, new Rectangle(2, 4).perimeter(), 1e-9);
    }
}
