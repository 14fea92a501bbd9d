package dev.pavu.kit.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Gives an identity authenticated by Quarkus OIDC (any standard provider) its Pavu team and role, read from the
 * claims named by {@code pavu.auth.oidc.team-claim} and {@code role-claim}. A token without a team or without a
 * known role keeps no Pavu role: every API answers it 403. The provider's own roles are dropped (a provider's
 * {@code admin} is not Pavu's).
 */
@ApplicationScoped
public class OidcClaimsAugmentor implements SecurityIdentityAugmentor {

    private final AuthConfig config;

    public OidcClaimsAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || identity.getAttribute(PavuAuth.ROLE_ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> team = strings(jwt.getClaim(config.oidc().teamClaim())).stream().findFirst();
        Optional<Role> role = strings(jwt.getClaim(config.oidc().roleClaim())).stream()
                .map(Role::parseUserRole).flatMap(Optional::stream)
                .max(Enum::compareTo);
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
        if (team.isPresent() && role.isPresent()) {
            b.addRoles(role.get().grants())
                    .addAttribute(PavuAuth.TEAM_ATTRIBUTE, team.get())
                    .addAttribute(PavuAuth.ROLE_ATTRIBUTE, role.get());
        }
        return Uni.createFrom().item(b.build());
    }

    /**
     * @param claim a claim value: a String, a JSON string or array, or a collection
     * @return its non-blank strings, in order
     */
    static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            out.add(s);
        } else if (claim instanceof JsonString s) {
            out.add(s.getString());
        } else if (claim instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.addAll(strings(v)));
        }
        return out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
