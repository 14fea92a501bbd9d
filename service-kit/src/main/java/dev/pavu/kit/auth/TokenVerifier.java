package dev.pavu.kit.auth;

import java.util.Optional;

/**
 * Checks a presented API token. The planner (which owns the token table) answers from its database; every other
 * service asks the planner ({@link IntrospectingTokenVerifier}). Called on a worker thread (may block).
 */
public interface TokenVerifier {

    /**
     * @param token the presented token ({@code pavu_…})
     * @return what it grants, or empty when it is unknown, revoked or expired
     * @throws AuthUnavailableException when the token store cannot be asked
     */
    Optional<TokenInfo> verify(String token);
}
