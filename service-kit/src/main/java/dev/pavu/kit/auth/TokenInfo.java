package dev.pavu.kit.auth;

import java.time.Instant;

/**
 * What an API token grants, as the planner's token table holds it.
 *
 * @param id        the token's id (a UUID string; never the secret)
 * @param name      a label given at creation, e.g. {@code ci}
 * @param team      the team whose jobs it sees
 * @param role      {@code viewer}, {@code submitter} or {@code admin}
 * @param expiresAt when it stops working ({@code null}: never)
 */
public record TokenInfo(String id, String name, String team, String role, Instant expiresAt) {

    /**
     * @param now the current time
     * @return whether the token has expired at {@code now}
     */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
