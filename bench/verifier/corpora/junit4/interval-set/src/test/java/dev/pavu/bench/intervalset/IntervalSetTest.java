package dev.pavu.bench.intervalset;

import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class IntervalSetTest {

    private IntervalSet set;

    @Before
    public void setUp() {
        set = new IntervalSet();
        set.add(10, 20);
        set.add(30, 40);
    }

    @Test(timeout = 2000)
    public void containsItsBoundsOnly() {
        assertTrue(set.contains(10));
        assertTrue(set.contains(20));
        assertTrue(set.contains(35));
        assertFalse(set.contains(9));
        assertFalse(set.contains(21));
        assertFalse(set.contains(41));
    }

    @Test(timeout = 2000)
    public void overlappingIntervalsMerge() {
        set.add(15, 32);
        assertEquals(1, set.intervalCount());
        assertEquals(31, set.size());
    }

    @Test(timeout = 2000)
    public void adjacentIntervalsMerge() {
        set.add(21, 29);
        assertEquals(1, set.intervalCount());
        assertEquals(31, set.size());
    }

    @Test(timeout = 2000)
    public void disjointIntervalsStaySeparate() {
        set.add(0, 5);
        set.add(50, 60);
        assertEquals(4, set.intervalCount());
        assertEquals(6 + 11 + 11 + 11, set.size());
    }

    @Test(timeout = 2000)
    public void ceilingFindsTheNextMember() {
        assertEquals(10, set.ceiling(3));
        assertEquals(12, set.ceiling(12));
        assertEquals(30, set.ceiling(21));
        assertEquals(41, set.ceiling(42));
    }

    @Test(expected = IllegalArgumentException.class, timeout = 2000)
    public void refusesAnEmptyInterval() {
        set.add(5, 4);
    }
}
