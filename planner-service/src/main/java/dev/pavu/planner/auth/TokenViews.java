package dev.pavu.planner.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** Bodies of the token API ({@link TokenResource}). */
public final class TokenViews {

    private TokenViews() {
    }

    /**
     * {@code POST /auth/tokens}.
     *
     * @param name          a label, 1–100 characters (e.g. {@code ci})
     * @param role          {@code viewer}, {@code submitter} or {@code admin}
     * @param team          the token's team; only the service credential may name another team than the caller's
     * @param expiresInDays days until it expires, 1–3650 (default 90)
     */
    public record CreateRequest(String name, String role, String team, Integer expiresInDays) {
    }

    /**
     * A token as listed (never the secret).
     *
     * @param id        token id
     * @param name      label
     * @param team      team
     * @param role      role
     * @param createdAt creation time
     * @param createdBy who created it
     * @param expiresAt expiry, or null for never
     * @param revokedAt revocation time, or null
     * @param active    neither revoked nor expired
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenView(String id, String name, String team, String role, Instant createdAt, String createdBy,
                            Instant expiresAt, Instant revokedAt, boolean active) {

        static TokenView of(ApiTokenEntity t) {
            return new TokenView(t.id.toString(), t.name, t.team, t.role, t.createdAt, t.createdBy, t.expiresAt,
                    t.revokedAt, t.active(Instant.now()));
        }
    }

    /**
     * The answer to a creation: the only time the secret is shown.
     *
     * @param token the secret ({@code pavu_…}); store it, it cannot be shown again
     * @param info  the token as listed
     */
    public record Created(String token, TokenView info) {
    }

    /**
     * {@code GET /auth/whoami}.
     *
     * @param principal the caller's name
     * @param team      its team (null for the service credential acting for all teams)
     * @param role      its role
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WhoAmI(String principal, String team, String role) {
    }
}
