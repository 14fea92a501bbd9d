package dev.pavu.kit.auth;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link TokenVerifier} of every service but the planner: asks the planner's {@code POST /auth/introspect} and
 * keeps each answer (valid or not) for {@code pavu.auth.cache-ttl} (30 s), keyed by the token's SHA-256, so that a
 * busy client costs one introspection per half minute. A revoked token therefore stops working here within that
 * time (at the planner at once).
 */
@DefaultBean
@ApplicationScoped
public class IntrospectingTokenVerifier implements TokenVerifier {

    private static final int MAX_ENTRIES = 10_000;
    private final Function<String, Optional<TokenInfo>> introspect;
    private final AuthConfig config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public IntrospectingTokenVerifier(@RestClient IntrospectionClient client, AuthConfig config) {
        this(token -> ask(client, token), config, Clock.systemUTC());
    }

    IntrospectingTokenVerifier(Function<String, Optional<TokenInfo>> introspect, AuthConfig config, Clock clock) {
        this.introspect = introspect;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Optional<TokenInfo> verify(String token) {
        String key = ApiTokens.hash(token);
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.info();
        }
        Optional<TokenInfo> info = introspect.apply(token);
        if (cache.size() >= MAX_ENTRIES) {
            cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(info, now.plus(config.cacheTtl())));
        return info;
    }

    private static Optional<TokenInfo> ask(IntrospectionClient client, String token) {
        try (Response r = client.introspect(new IntrospectionClient.IntrospectionRequest(token))) {
            if (r.getStatus() == 200) {
                return Optional.of(r.readEntity(TokenInfo.class));
            }
            if (r.getStatus() == 404) {
                return Optional.empty();
            }
            throw new AuthUnavailableException("the planner's introspection answered " + r.getStatus(), null);
        } catch (ProcessingException e) {
            Log.warnf("cannot introspect a token at the planner: %s", e.getMessage());
            throw new AuthUnavailableException("the planner cannot be reached", e);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            throw new AuthUnavailableException("the planner's introspection answered " + status, e);
        }
    }

    private record Cached(Optional<TokenInfo> info, Instant until) {
    }
}
