package dev.pavu.kit.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntrospectingTokenVerifierTest {

    private final AuthConfig config = (AuthConfig) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{AuthConfig.class}, (p, m, a) -> switch (m.getName()) {
                case "cacheTtl" -> Duration.ofSeconds(30);
                default -> throw new UnsupportedOperationException(m.getName());
            });

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void answersAreCachedForTheTtlThenAskedAgain() {
        AtomicInteger asked = new AtomicInteger();
        TokenInfo[] answer = {new TokenInfo("1", "ci", "team-a", "viewer", null)};
        MutableClock clock = new MutableClock();
        IntrospectingTokenVerifier v = new IntrospectingTokenVerifier(t -> {
            asked.incrementAndGet();
            return Optional.ofNullable(answer[0]);
        }, config, clock);
        String token = ApiTokens.generate();

        assertEquals("team-a", v.verify(token).orElseThrow().team());
        assertEquals("team-a", v.verify(token).orElseThrow().team());
        assertEquals(1, asked.get(), "the second check is served from the cache");

        answer[0] = null; // revoked at the planner
        clock.now = clock.now.plusSeconds(29);
        assertTrue(v.verify(token).isPresent(), "still cached within the TTL");
        clock.now = clock.now.plusSeconds(2);
        assertTrue(v.verify(token).isEmpty(), "revocation seen after the TTL");
        assertEquals(2, asked.get());
    }

    @Test
    void anUnreachablePlannerIsNotCachedAsInvalid() {
        AtomicInteger asked = new AtomicInteger();
        IntrospectingTokenVerifier v = new IntrospectingTokenVerifier(t -> {
            if (asked.incrementAndGet() == 1) {
                throw new AuthUnavailableException("down", null);
            }
            return Optional.of(new TokenInfo("1", "ci", "team-a", "admin", null));
        }, config, new MutableClock());
        String token = ApiTokens.generate();
        assertThrows(AuthUnavailableException.class, () -> v.verify(token));
        assertEquals("admin", v.verify(token).orElseThrow().role());
    }
}
