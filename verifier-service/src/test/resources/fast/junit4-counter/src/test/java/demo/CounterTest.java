package demo;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/** Nine tests, each with JUnit 4's own 3 s limit: a looping candidate costs 27 s per run without stopping early. */
public class CounterTest {

    @Test(timeout = 3000)
    public void count1() {
        assertEquals(1, Counter.count(1));
    }

    @Test(timeout = 3000)
    public void count2() {
        assertEquals(2, Counter.count(2));
    }

    @Test(timeout = 3000)
    public void count3() {
        assertEquals(3, Counter.count(3));
    }

    @Test(timeout = 3000)
    public void count4() {
        assertEquals(4, Counter.count(4));
    }

    @Test(timeout = 3000)
    public void count5() {
        assertEquals(5, Counter.count(5));
    }

    @Test(timeout = 3000)
    public void count6() {
        assertEquals(6, Counter.count(6));
    }

    @Test(timeout = 3000)
    public void count7() {
        assertEquals(7, Counter.count(7));
    }

    @Test(timeout = 3000)
    public void count8() {
        assertEquals(8, Counter.count(8));
    }

    @Test(timeout = 3000)
    public void count9() {
        assertEquals(9, Counter.count(9));
    }
}
