package demo;

import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertEquals;

public class LegacyThermostatTest {
    private Thermostat t;

    @Before
    public void setUp() {
        t = new Thermostat(20, 1);
    }

    @Test(timeout = 3000)
    public void idlesWithinTheTolerance() {
        assertEquals("idle", t.mode(21));
        assertEquals("idle", t.mode(19));
    }

    @Test
    public void heatsJustBelow() {
        assertEquals("heat", t.mode(18));
    }
}
