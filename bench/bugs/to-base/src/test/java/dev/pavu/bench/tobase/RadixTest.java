package dev.pavu.bench.tobase;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RadixTest {

    @Test
    void zero() {
        assertEquals("0", Radix.toBase(0, 2));
    }

    @Test
    void singleDigit() {
        assertEquals("7", Radix.toBase(7, 10));
        assertEquals("Z", Radix.toBase(35, 36));
    }

    @Test
    void binary() {
        assertEquals("1010", Radix.toBase(10, 2));
    }

    @Test
    void hexadecimal() {
        assertEquals("1F", Radix.toBase(31, 16));
        assertEquals("FF", Radix.toBase(255, 16));
    }

    @Test
    void rejectsBadBase() {
        assertThrows(IllegalArgumentException.class, () -> Radix.toBase(5, 1));
        assertThrows(IllegalArgumentException.class, () -> Radix.toBase(5, 37));
    }
}
