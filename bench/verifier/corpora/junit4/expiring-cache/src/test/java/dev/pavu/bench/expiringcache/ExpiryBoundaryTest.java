package dev.pavu.bench.expiringcache;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class ExpiryBoundaryTest {

    @Parameters(name = "after {0} ms present={1}")
    public static Collection<Object[]> cases() {
        return Arrays.asList(new Object[][] {{0L, true}, {1L, true}, {249L, true}, {250L, false}, {251L, false}, {10_000L, false}});
    }

    private final long elapsed;
    private final boolean present;
    private AtomicLong now;
    private ExpiringCache<Integer, String> cache;

    public ExpiryBoundaryTest(long elapsed, boolean present) {
        this.elapsed = elapsed;
        this.present = present;
    }

    @Before
    public void setUp() {
        now = new AtomicLong(0);
        cache = new ExpiringCache<>(now::get, 250, 10);
        cache.put(7, "seven");
    }

    @Test(timeout = 2000)
    public void presence() {
        now.addAndGet(elapsed);
        assertEquals(present, cache.get(7) != null);
    }
}
