package dev.pavu.planner.rest;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsSinceTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void periodsAndInstantsAreUnderstood() {
        assertEquals(Instant.parse("2026-11-29T12:00:00Z"), StatsResource.since(null, NOW));
        assertEquals(Instant.parse("2026-12-06T11:30:00Z"), StatsResource.since("30m", NOW));
        assertEquals(Instant.parse("2026-12-05T12:00:00Z"), StatsResource.since("24h", NOW));
        assertEquals(Instant.parse("2026-12-04T12:00:00Z"), StatsResource.since("2D", NOW));
        assertEquals(Instant.parse("2026-11-22T12:00:00Z"), StatsResource.since("2w", NOW));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), StatsResource.since("2026-12-01T00:00:00Z", NOW));
    }

    @Test
    void anythingElseIsABadRequestNamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> StatsResource.since("last tuesday", NOW));
        assertEquals(400, e.problem().status());
        assertEquals("since", e.problem().errors().getFirst().field());
        assertTrue(e.problem().errors().getFirst().message().contains("7d"), e.problem().toString());
    }
}
