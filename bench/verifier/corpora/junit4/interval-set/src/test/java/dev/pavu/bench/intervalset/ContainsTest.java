package dev.pavu.bench.intervalset;

import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class ContainsTest {

    private static IntervalSet set;

    @BeforeClass
    public static void build() {
        set = new IntervalSet();
        set.add(1, 3);
        set.add(4, 6);
        set.add(10, 10);
        set.add(8, 9);
    }

    @Parameters(name = "contains({0}) = {1}")
    public static Collection<Object[]> cases() {
        return Arrays.asList(new Object[][] {{0, false}, {1, true}, {6, true}, {7, false}, {8, true}, {10, true}, {11, false}});
    }

    private final int x;
    private final boolean expected;

    public ContainsTest(int x, boolean expected) {
        this.x = x;
        this.expected = expected;
    }

    @Test(timeout = 2000)
    public void membership() {
        assertEquals(expected, set.contains(x));
    }

    @Test(timeout = 2000)
    public void adjacentAddsBecomeTwoIntervals() {
        assertEquals(2, set.intervalCount());
    }
}
