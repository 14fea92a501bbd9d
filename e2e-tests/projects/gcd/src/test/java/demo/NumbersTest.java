package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {
    @Test
    void gcdOfMultiples() {
        assertEquals(4, Numbers.gcd(4, 12));
        assertEquals(4, Numbers.gcd(12, 4));
    }

    @Test
    void gcdOfNumbersThatShareAFactor() {
        assertEquals(6, Numbers.gcd(12, 18));
        assertEquals(1, Numbers.gcd(7, 5));
        assertEquals(3, Numbers.gcd(21, 6));
    }

    @Test
    void gcdWithZero() {
        assertEquals(9, Numbers.gcd(9, 0));
        assertEquals(9, Numbers.gcd(0, 9));
    }

    @Test
    void lcm() {
        assertEquals(36, Numbers.lcm(12, 18));
        assertEquals(35, Numbers.lcm(7, 5));
    }
}
