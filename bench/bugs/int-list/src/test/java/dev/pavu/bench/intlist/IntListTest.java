package dev.pavu.bench.intlist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IntListTest {

    @Test
    void addsAndGets() {
        IntList list = new IntList();
        list.add(7);
        list.add(8);
        assertEquals(2, list.size());
        assertEquals(8, list.get(1));
    }

    @Test
    void growsByDoubling() {
        IntList list = new IntList(4);
        for (int i = 0; i < 5; i++) {
            list.add(i);
        }
        assertEquals(8, list.capacity());
        assertEquals(4, list.get(4));
    }

    @Test
    void listWithZeroCapacityGrowsOnFirstAdd() {
        IntList list = new IntList(0);
        list.add(1);
        list.add(2);
        assertEquals(2, list.size());
        assertEquals(2, list.capacity());
    }

    @Test
    void getOutsideTheListThrows() {
        IntList list = new IntList();
        list.add(1);
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(1));
    }

    @Test
    void rejectsNegativeCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new IntList(-1));
    }
}
