package dev.pavu.kit.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Authentication settings ({@code pavu.auth.*}), the same in every service. */
@ConfigMapping(prefix = "pavu.auth")
public interface AuthConfig {

    /**
     * Whether the HTTP APIs require a credential. {@code false} only in module tests: every request then acts as
     * the service credential (all teams). Environment: {@code PAVU_AUTH_ENABLED}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The secret Pavu's services present to each other ({@code Authorization: Bearer <it>}); grants every role
     * on every team. Environment: {@code PAVU_SERVICE_TOKEN} (the local stack generates one at first start).
     */
    Optional<String> serviceToken();

    /**
     * The planner registers this API token at start as an admin of {@link #defaultTeam()} (once, by its hash).
     * Environment: {@code PAVU_ADMIN_TOKEN} (the local stack generates one at first start). Other services ignore it.
     */
    Optional<String> bootstrapAdminToken();

    /** How long another service trusts an introspection answer (revocation takes effect within it). */
    @WithDefault("30s")
    Duration cacheTtl();

    /** Team of a job submitted with the service credential without a team header, and of the bootstrap token. */
    @WithDefault("default")
    String defaultTeam();

    /** OIDC bearer tokens: which claims name the team and the role (see {@code quarkus.oidc.*} for the provider). */
    Oidc oidc();

    /** Claims of OIDC access tokens. */
    interface Oidc {
        /** Claim holding the caller's team (a string, or the first of an array). */
        @WithDefault("pavu_team")
        String teamClaim();

        /** Claim holding the caller's role: {@code viewer}, {@code submitter} or {@code admin} (string or array: the strongest wins). */
        @WithDefault("pavu_role")
        String roleClaim();
    }
}
