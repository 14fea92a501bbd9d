package dev.pavu.kit.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokensTest {

    @Test
    void generatedTokensHaveTheShapeAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = ApiTokens.generate();
            assertTrue(ApiTokens.looksLikeApiToken(t), t);
            assertEquals(48, t.length(), t);
            assertTrue(seen.add(t), "duplicate " + t);
        }
    }

    @Test
    void hashIsSha256HexAndNeverTheToken() {
        // SHA-256("abc") from FIPS 180-2
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiTokens.hash("abc"));
        String t = ApiTokens.generate();
        String h = ApiTokens.hash(t);
        assertEquals(64, h.length());
        assertFalse(h.contains(t.substring(5)));
        assertNotEquals(h, ApiTokens.hash(ApiTokens.generate()));
    }

    @Test
    void shapesThatAreNotTokens() {
        assertFalse(ApiTokens.looksLikeApiToken(null));
        assertFalse(ApiTokens.looksLikeApiToken("pavu_short"));
        assertFalse(ApiTokens.looksLikeApiToken("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
        assertFalse(ApiTokens.looksLikeApiToken("pavu_" + "a".repeat(42) + "!"));
    }

    @Test
    void secretsCompareExactly() {
        assertTrue(ApiTokens.sameSecret("s3cret", "s3cret"));
        assertFalse(ApiTokens.sameSecret("s3cret", "s3creT"));
        assertFalse(ApiTokens.sameSecret(null, "x"));
        assertFalse(ApiTokens.sameSecret("x", null));
    }

    @Test
    void expiryIsExclusiveOfTheInstant() {
        Instant at = Instant.parse("2026-12-06T00:00:00Z");
        TokenInfo t = new TokenInfo("1", "ci", "a", "viewer", at);
        assertFalse(t.expired(at.minusMillis(1)));
        assertTrue(t.expired(at));
        assertFalse(new TokenInfo("2", "ci", "a", "viewer", null).expired(Instant.MAX));
    }
}
