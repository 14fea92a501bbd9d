package dev.pavu.kit.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Opaque API tokens: {@code pavu_} followed by 43 URL-safe base64 characters (256 random bits). Only their SHA-256
 * is stored: with 256 bits of entropy a fast hash is enough (no dictionary to guess from), and it lets a token be
 * looked up by its hash.
 */
public final class ApiTokens {

    /** Every API token starts with this. */
    public static final String PREFIX = "pavu_";
    private static final Pattern SHAPE = Pattern.compile("pavu_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** @return a new random token, e.g. {@code pavu_3q2…} (48 characters) */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param token a presented token
     * @return whether it has the shape of a Pavu API token (says nothing about its validity)
     */
    public static boolean looksLikeApiToken(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /**
     * @param token a token (any text)
     * @return its SHA-256 as 64 lower-case hex characters
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Compares two secrets in time independent of where they differ.
     *
     * @param a one secret (may be null)
     * @param b another (may be null)
     * @return whether both are non-null and equal
     */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
