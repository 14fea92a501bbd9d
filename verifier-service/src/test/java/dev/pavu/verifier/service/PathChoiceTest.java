package dev.pavu.verifier.service;

import dev.pavu.verifier.service.PathChoice.Route;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of a Maven candidate's path, every combination of what decides it, in its order of precedence. */
class PathChoiceTest {

    @Test
    void theJobsTestCommandWinsOverEverything() {
        for (boolean coverage : new boolean[] {false, true}) {
            for (boolean baseline : new boolean[] {false, true}) {
                for (boolean gates : new boolean[] {false, true}) {
                    PathChoice c = PathChoice.of(true, coverage, baseline, gates);
                    assertEquals(Route.TEST_COMMAND, c.route());
                    assertTrue(c.note().startsWith("cold path: the job gives its own test command"), c.note());
                    assertEquals(coverage, c.note().contains("no per-test coverage"), c.note());
                }
            }
        }
    }

    @Test
    void aCoverageRunTakesTheColdPathBaselineOrNot() {
        for (boolean baseline : new boolean[] {false, true}) {
            for (boolean gates : new boolean[] {false, true}) {
                PathChoice c = PathChoice.of(false, true, baseline, gates);
                assertEquals(Route.COVERAGE, c.route());
                assertEquals("cold path: a coverage run (coverage is recorded on the cold path)", c.note());
            }
        }
    }

    @Test
    void theBaselineWithoutCoverageTakesTheColdPathEvenWithLintGates() {
        assertEquals(Route.BASELINE, PathChoice.of(false, false, true, false).route());
        assertEquals(Route.BASELINE, PathChoice.of(false, false, true, true).route());
        assertEquals("cold path: the baseline records the ids of the tests it runs", PathChoice.of(false, false, true, true).note());
    }

    @Test
    void lintOrProbeGatesKeepACandidateOnItsWorkspace() {
        PathChoice c = PathChoice.of(false, false, false, true);
        assertEquals(Route.WORKSPACE_GATES, c.route());
        assertTrue(c.note().contains("lint or probe gates"), c.note());
    }

    @Test
    void everyOtherCandidateTriesTheFastPath() {
        PathChoice c = PathChoice.of(false, false, false, false);
        assertEquals(Route.FAST, c.route());
        assertNull(c.note(), "the fast path says itself which path the candidate took");
    }
}
