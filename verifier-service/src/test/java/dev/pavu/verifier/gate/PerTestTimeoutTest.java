package dev.pavu.verifier.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PerTestTimeoutTest {

    @Test
    void aTestMayTakeAThirdOfWhatIsLeftAndAtLeastTwoSeconds() {
        assertEquals(20_000, MavenGates.perTestTimeoutMs(60_000));
        assertEquals(5_000, MavenGates.perTestTimeoutMs(15_000));
        assertEquals(2_000, MavenGates.perTestTimeoutMs(3_000));
    }
}
