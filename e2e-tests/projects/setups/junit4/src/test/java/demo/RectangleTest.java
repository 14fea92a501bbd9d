package demo;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** JUnit 4: @Before/@After, @Test(timeout), a category. */
public class RectangleTest {
    private Rectangle square;

    @Before
    public void setUp() {
        square = new Rectangle(3, 3);
    }

    @After
    public void tearDown() {
        square = null;
    }

    @Test(timeout = 3000)
    public void areaOfASquare() {
        assertEquals(9.0, square.area(), 1e-9);
    }

    @Test
    @Category(Slow.class)
    public void squares() {
        assertTrue(square.isSquare());
        assertFalse(new Rectangle(2, 3).isSquare());
    }
}
