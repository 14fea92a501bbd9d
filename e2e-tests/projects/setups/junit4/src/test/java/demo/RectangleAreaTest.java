package demo;

import java.util.Arrays;
import java.util.Collection;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import static org.junit.Assert.assertEquals;

/** JUnit 4: @RunWith(Parameterized.class). */
@RunWith(Parameterized.class)
public class RectangleAreaTest {
    @Parameters
    public static Collection<Object[]> data() {
        return Arrays.asList(new Object[][] {{2, 4, 8.0}, {1, 5, 5.0}, {3, 3, 9.0}});
    }

    private final double width;
    private final double height;
    private final double area;

    public RectangleAreaTest(double width, double height, double area) {
        this.width = width;
        this.height = height;
        this.area = area;
    }

    @Test
    public void area() {
        assertEquals(area, new Rectangle(width, height).area(), 1e-9);
    }
}
