package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalcTest {

    @Test
    void maxIsTheLargerNumber() {
        assertEquals(7, Calc.max(7, 3));
        assertEquals(7, Calc.max(3, 7));
    }

    @Test
    void sumAdds() {
        assertEquals(10, Calc.sum(7, 3));
    }
}
