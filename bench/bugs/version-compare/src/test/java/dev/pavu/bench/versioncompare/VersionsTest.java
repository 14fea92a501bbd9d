package dev.pavu.bench.versioncompare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VersionsTest {

    @Test
    void equalVersions() {
        assertEquals(0, Versions.compare("1.2.3", "1.2.3"));
    }

    @Test
    void trailingZerosDoNotMatter() {
        assertEquals(0, Versions.compare("1.0", "1"));
    }

    @Test
    void partsCompareNumerically() {
        assertEquals(-1, Versions.compare("1.2", "1.10"));
    }

    @Test
    void newerVersionComparesGreater() {
        assertEquals(1, Versions.compare("2.0", "1.9.9"));
    }

    @Test
    void sortsAListOfVersions() {
        List<String> versions = new ArrayList<>(List.of("1.10", "1.2", "0.9", "1.2.1"));
        versions.sort(Versions.ORDER);
        assertEquals(List.of("0.9", "1.2", "1.2.1", "1.10"), versions);
    }

    @Test
    void rejectsNonNumericParts() {
        assertThrows(NumberFormatException.class, () -> Versions.compare("1.x", "1.0"));
    }
}
