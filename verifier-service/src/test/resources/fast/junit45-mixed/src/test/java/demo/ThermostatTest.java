package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThermostatTest {
    private final Thermostat t = new Thermostat(20, 1);

    @Test
    void heatsWhenCold() {
        assertEquals("heat", t.mode(15));
    }

    @Test
    void coolsWhenHot() {
        assertEquals("cool", t.mode(25));
    }
}
