package dev.pavu.bench.durationformat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void zero() {
        assertEquals("0:00:00", Durations.format(0));
    }

    @Test
    void secondsOnly() {
        assertEquals("0:00:59", Durations.format(59));
    }

    @Test
    void hoursMinutesAndSeconds() {
        assertEquals("1:02:03", Durations.format(3723));
        assertEquals("27:46:40", Durations.format(100_000));
    }

    @Test
    void parsesWhatItFormats() {
        assertEquals(3723, Durations.parse("1:02:03"));
    }

    @Test
    void rejectsNegativeDurations() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(-1));
    }
}
