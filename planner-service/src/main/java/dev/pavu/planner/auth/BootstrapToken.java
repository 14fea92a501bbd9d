package dev.pavu.planner.auth;

import dev.pavu.kit.auth.ApiTokens;
import dev.pavu.kit.auth.AuthConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers the bootstrap admin token at start ({@code pavu.auth.bootstrap-admin-token}, env
 * {@code PAVU_ADMIN_TOKEN}; the local stack generates it at first start and keeps it, mode 600, in its directory):
 * an admin of the default team that never expires. Registered once (by its hash); revoking it sticks.
 */
@ApplicationScoped
public class BootstrapToken {

    private final Optional<String> token;
    private final AuthConfig config;

    public BootstrapToken(AuthConfig config) {
        this.token = config.bootstrapAdminToken();
        this.config = config;
    }

    @Transactional
    void register(@Observes StartupEvent start) {
        if (token.isEmpty() || token.get().isBlank()) {
            return;
        }
        if (!ApiTokens.looksLikeApiToken(token.get())) {
            Log.warn("pavu.auth.bootstrap-admin-token is not a pavu_ token (pavu_ + 43 base64url characters): ignored");
            return;
        }
        String hash = ApiTokens.hash(token.get());
        if (ApiTokenEntity.count("tokenHash", hash) > 0) {
            return;
        }
        ApiTokenEntity t = new ApiTokenEntity();
        t.id = UUID.randomUUID();
        t.name = "bootstrap-admin";
        t.team = config.defaultTeam();
        t.role = "admin";
        t.tokenHash = hash;
        t.createdAt = Instant.now();
        t.createdBy = "bootstrap";
        t.persist();
        Log.infof("registered the bootstrap admin token %s (team %s)", t.id, t.team);
    }
}
