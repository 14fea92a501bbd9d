package dev.pavu.planner.auth;

import dev.pavu.kit.auth.ApiTokens;
import dev.pavu.kit.auth.TokenInfo;
import dev.pavu.kit.auth.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * The planner's {@link TokenVerifier}: looks the token's SHA-256 up in {@code api_tokens} (the planner owns the
 * table; other services ask it through {@code POST /auth/introspect}). No cache: a revocation works at once here.
 */
@ApplicationScoped
public class DbTokenVerifier implements TokenVerifier {

    @Override
    @Transactional
    public Optional<TokenInfo> verify(String token) {
        Instant now = Instant.now();
        return ApiTokenEntity.<ApiTokenEntity>find("tokenHash", ApiTokens.hash(token)).firstResultOptional()
                .filter(t -> t.active(now))
                .map(t -> new TokenInfo(t.id.toString(), t.name, t.team, t.role, t.expiresAt));
    }
}
