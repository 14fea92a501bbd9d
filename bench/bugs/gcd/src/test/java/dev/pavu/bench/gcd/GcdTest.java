package dev.pavu.bench.gcd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GcdTest {

    @Test
    void gcdWithZeroIsTheOtherNumber() {
        assertEquals(12, Gcd.gcd(12, 0));
        assertEquals(0, Gcd.gcd(0, 0));
    }

    @Test
    void gcdOfTwoNumbers() {
        assertEquals(6, Gcd.gcd(48, 18));
        assertEquals(6, Gcd.gcd(18, 48));
    }

    @Test
    void coprimeNumbersHaveGcdOne() {
        assertEquals(1, Gcd.gcd(35, 64));
    }

    @Test
    void lcmOfTwoNumbers() {
        assertEquals(12, Gcd.lcm(4, 6));
    }

    @Test
    void lcmWithZeroIsZero() {
        assertEquals(0, Gcd.lcm(0, 5));
    }

    @Test
    void rejectsNegativeArguments() {
        assertThrows(IllegalArgumentException.class, () -> Gcd.gcd(-4, 2));
    }
}
