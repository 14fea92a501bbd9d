package dev.pavu.bench.retentionperiod;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionTest {

    private static final long CREATED = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @Test
    void zeroDaysExpiresAtOnce() {
        assertEquals(CREATED, Retention.expiresAt(CREATED, 0));
    }

    @Test
    void oneWeek() {
        assertEquals(CREATED + Duration.ofDays(7).toMillis(), Retention.expiresAt(CREATED, 7));
    }

    @Test
    void thirtyDays() {
        assertEquals(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli(), Retention.expiresAt(CREATED, 30));
    }

    @Test
    void oneYearRetentionIsNotExpiredAfterAMonth() {
        assertFalse(Retention.isExpired(CREATED, 365, Instant.parse("2024-02-01T00:00:00Z").toEpochMilli()));
    }

    @Test
    void expiredAfterTheRetention() {
        assertTrue(Retention.isExpired(CREATED, 1, Instant.parse("2024-01-03T00:00:00Z").toEpochMilli()));
    }

    @Test
    void rejectsNegativeRetention() {
        assertThrows(IllegalArgumentException.class, () -> Retention.expiresAt(CREATED, -1));
    }
}
