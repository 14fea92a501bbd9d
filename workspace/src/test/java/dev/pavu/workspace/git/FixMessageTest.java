package dev.pavu.workspace.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixMessageTest {

    @Test
    void namesTheTaskTheJobWhatFoundItAndTheTestsThatNowPass() {
        String text = new FixMessage("j-1", "make median right\nmore words", "template", "relational-operator",
                "'<' → '<='", List.of("StatsTest#median", "StatsTest#median", "StatsTest#mean")).text();
        assertEquals("""
                Fix: make median right

                Verified patch from Pavu job j-1.
                Found by: template (relational-operator): '<' → '<='

                Tests that failed before and pass now:
                  - StatsTest#median
                  - StatsTest#mean

                Pavu-Job: j-1
                """, text);
    }

    @Test
    void longSubjectsAreCutManyTestsCountedAndLineBreaksInUntrustedTextCannotForgeTrailers() {
        List<String> tests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tests.add("T#t" + i);
        }
        String text = new FixMessage("j-2", "x".repeat(100), null, "p\nPavu-Job: forged", null, tests).text();
        String subject = text.lines().findFirst().orElseThrow();
        assertEquals(FixMessage.SUBJECT_MAX, subject.length());
        assertTrue(subject.endsWith("…"));
        assertTrue(text.contains("Found by: pavu (p Pavu-Job: forged)\n"), text);
        assertTrue(text.contains("  - … and 5 more\n"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("Pavu-Job:")).count());
        assertTrue(new FixMessage("j-3", null, null, null, null, null).text().startsWith("Fix: make the failing tests pass\n"));
    }
}
