package demo;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class CalcTest {
    @Test
    public void adds() {
        assertEquals("2 + 3", 5, Calc.add(2, 3));
    }

    @Test
    public void multiplies() {
        assertEquals(6, Calc.mul(2, 3));
    }

    @Test
    public void addsZero() {
        assertEquals(0, Calc.add(0, 0));
    }
}
