package dev.pavu.kit.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>}: a Pavu API token ({@code pavu_…}) or the service credential is
 * authenticated by {@link PavuTokenIdentityProvider}; any other bearer token is left to Quarkus OIDC (when a
 * provider is configured). With {@code pavu.auth.enabled=false} (module tests) every request acts as the service
 * credential, whatever it carries.
 */
@ApplicationScoped
public class PavuAuthMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    private final AuthConfig config;

    public PavuAuthMechanism(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String team = context.request().getHeader(PavuAuth.TEAM_HEADER);
        if (!config.enabled()) {
            // module tests: whatever the request carries (an OpenAI client's API key, nothing), it acts as a service
            return Uni.createFrom().item(PavuTokenIdentityProvider.service(team));
        }
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).strip();
        boolean service = config.serviceToken().map(s -> ApiTokens.sameSecret(s, token)).orElse(false);
        if (!service && !ApiTokens.looksLikeApiToken(token)) {
            return Uni.createFrom().nullItem(); // an OIDC access token, or nothing we know
        }
        return identityProviderManager.authenticate(new PavuTokenRequest(token, team));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"pavu\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(PavuTokenRequest.class);
    }

    @Override
    public int getPriority() {
        // before OIDC's bearer mechanism, which would otherwise reject a pavu_ token as a malformed JWT
        return DEFAULT_PRIORITY + 100;
    }
}
