package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterTest {
    @Test
    void counts() {
        Counter c = new Counter();
        c.increment();
        assertEquals(1, c.count());
    }
}
