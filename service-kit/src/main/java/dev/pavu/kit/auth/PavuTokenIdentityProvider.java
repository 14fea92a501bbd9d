package dev.pavu.kit.auth;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Turns a {@link PavuTokenRequest} into an identity: the service credential becomes role {@code service} (acting
 * for the team of its {@link PavuAuth#TEAM_HEADER}, else for all teams); an API token is checked by the
 * {@link TokenVerifier} and becomes its team and role. An unknown, revoked or expired token fails (401).
 */
@ApplicationScoped
public class PavuTokenIdentityProvider implements IdentityProvider<PavuTokenRequest> {

    private final AuthConfig config;
    private final TokenVerifier verifier;

    public PavuTokenIdentityProvider(AuthConfig config, TokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
    }

    @Override
    public Class<PavuTokenRequest> getRequestType() {
        return PavuTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(PavuTokenRequest request, AuthenticationRequestContext context) {
        if (config.serviceToken().map(s -> ApiTokens.sameSecret(s, request.token())).orElse(false)) {
            return Uni.createFrom().item(service(request.teamHeader()));
        }
        return context.runBlocking(() -> {
            TokenInfo info = verifier.verify(request.token())
                    .filter(t -> !t.expired(Instant.now()))
                    .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired token"));
            Role role = Role.parseUserRole(info.role()).orElseThrow(
                    () -> new AuthenticationFailedException("token " + info.id() + " has no valid role"));
            Log.debugf("token %s (%s): team %s, role %s", info.id(), info.name(), info.team(), role.id());
            return identity("token:" + info.name(), info.team(), role, info.id());
        });
    }

    /**
     * @param team the team header, or null for every team
     * @return the identity of Pavu's service credential
     */
    public static SecurityIdentity service(String team) {
        return identity("pavu-service", team == null || team.isBlank() ? null : team.strip(), Role.SERVICE, null);
    }

    /**
     * @param principal principal name
     * @param team      team, or null (service only)
     * @param role      role
     * @param tokenId   API token id, or null
     * @return the identity with the role's grants and the Pavu attributes
     */
    public static SecurityIdentity identity(String principal, String team, Role role, String tokenId) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal))
                .addRoles(role.grants())
                .addAttribute(PavuAuth.ROLE_ATTRIBUTE, role);
        if (team != null) {
            b.addAttribute(PavuAuth.TEAM_ATTRIBUTE, team);
        }
        if (tokenId != null) {
            b.addAttribute(PavuAuth.TOKEN_ID_ATTRIBUTE, tokenId);
        }
        return b.build();
    }
}
