package dev.pavu.bench.bitcount;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitsTest {

    @Test
    void zeroHasNoBits() {
        assertEquals(0, Bits.bitCount(0));
    }

    @Test
    void countsBits() {
        assertEquals(1, Bits.bitCount(128));
        assertEquals(7, Bits.bitCount(127));
        assertEquals(3, Bits.bitCount(11));
    }

    @Test
    void rejectsNegativeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Bits.bitCount(-1));
    }

    @Test
    void powersOfTwo() {
        assertTrue(Bits.isPowerOfTwo(1));
        assertTrue(Bits.isPowerOfTwo(1024));
        assertFalse(Bits.isPowerOfTwo(0));
        assertFalse(Bits.isPowerOfTwo(12));
    }
}
