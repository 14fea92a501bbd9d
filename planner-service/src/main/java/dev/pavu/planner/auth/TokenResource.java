package dev.pavu.planner.auth;

import dev.pavu.kit.auth.ApiTokens;
import dev.pavu.kit.auth.AuthConfig;
import dev.pavu.kit.auth.IntrospectionClient;
import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import dev.pavu.kit.auth.TokenVerifier;
import dev.pavu.planner.rest.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API tokens: admins create, list and revoke their team's tokens (admins of the operators' team, the bootstrap
 * admin's {@code pavu.auth.default-team}, those of every team, so that they can hand out the first token of a team); Pavu's services introspect a token here (the
 * planner owns the token table). Errors are problem bodies; another team's token id answers 404.
 */
@Path("/auth")
@Tag(name = "auth", description = "API tokens of your team; who am I")
public class TokenResource {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3650;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}");
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final SecurityIdentity identity;
    private final TokenVerifier verifier;
    private final AuthConfig config;

    public TokenResource(SecurityIdentity identity, TokenVerifier verifier, AuthConfig config) {
        this.identity = identity;
        this.verifier = verifier;
        this.config = config;
    }

    /** @return the caller's principal, team and role */
    @GET
    @Path("/whoami")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's team and role")
    public TokenViews.WhoAmI whoami() {
        Object role = identity.getAttribute(PavuAuth.ROLE_ATTRIBUTE);
        return new TokenViews.WhoAmI(identity.getPrincipal().getName(), PavuAuth.team(identity).orElse(null),
                role instanceof Role r ? r.id() : null);
    }

    /**
     * @param body name, role, team (optional), expiresInDays (optional, default 90)
     * @return 201 with the secret (shown once) and the token
     */
    @POST
    @Path("/tokens")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Create an API token of your team (admin)", description = "The secret is in the answer only.")
    public Response create(TokenViews.CreateRequest body) {
        if (body == null) {
            throw ProblemException.badField("body", "expected {\"name\":…,\"role\":\"viewer|submitter|admin\"}");
        }
        if (body.name() == null || !NAME.matcher(body.name()).matches()) {
            throw ProblemException.badField("name", "1–100 letters, digits, spaces or ._@- (starting with a letter or digit)");
        }
        Role role = Role.parseUserRole(body.role()).orElseThrow(
                () -> ProblemException.badField("role", "one of viewer, submitter, admin; was '" + body.role() + "'"));
        String team = teamOf(body.team());
        int days = body.expiresInDays() == null ? DEFAULT_DAYS : body.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            throw ProblemException.badField("expiresInDays", "from 1 to " + MAX_DAYS + ", was " + days);
        }
        String secret = ApiTokens.generate();
        ApiTokenEntity t = new ApiTokenEntity();
        t.id = UUID.randomUUID();
        t.name = body.name();
        t.team = team;
        t.role = role.id();
        t.tokenHash = ApiTokens.hash(secret);
        t.createdAt = Instant.now();
        t.createdBy = identity.getPrincipal().getName();
        t.expiresAt = t.createdAt.plus(Duration.ofDays(days));
        t.persist();
        Log.infof("token %s (%s) created for team %s, role %s, by %s", t.id, t.name, t.team, t.role, t.createdBy);
        return Response.status(201).entity(new TokenViews.Created(secret, TokenViews.TokenView.of(t))).build();
    }

    /** @return the tokens of the caller's team (every team for the service credential), newest first */
    @GET
    @Path("/tokens")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "List your team's API tokens (admin)")
    public List<TokenViews.TokenView> list() {
        Sort newest = Sort.descending("createdAt");
        List<ApiTokenEntity> all = PavuAuth.team(identity).filter(t -> !operator())
                .map(team -> ApiTokenEntity.<ApiTokenEntity>list("team", newest, team))
                .orElseGet(() -> ApiTokenEntity.listAll(newest));
        return all.stream().map(TokenViews.TokenView::of).toList();
    }

    /**
     * @param id token id
     * @return 200 with the revoked token; 404 for an unknown token or another team's
     */
    @DELETE
    @Path("/tokens/{id}")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Revoke an API token of your team (admin)")
    public TokenViews.TokenView revoke(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("id", "a token id is a UUID, got '" + id + "'");
        }
        ApiTokenEntity t = ApiTokenEntity.findById(uuid);
        if (t == null || !(operator() || PavuAuth.sees(identity, t.team))) {
            throw ProblemException.notFound("no token " + uuid);
        }
        if (t.revokedAt == null) {
            t.revokedAt = Instant.now();
            Log.infof("token %s (%s) of team %s revoked by %s", t.id, t.name, t.team, identity.getPrincipal().getName());
        }
        return TokenViews.TokenView.of(t);
    }

    /**
     * @param request the token to check
     * @return 200 with what it grants; 404 when it is unknown, revoked or expired
     */
    @POST
    @Path("/introspect")
    @RolesAllowed(Role.SERVICE_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check an API token (Pavu's services only)")
    public Response introspect(IntrospectionClient.IntrospectionRequest request) {
        if (request == null || request.token() == null || !ApiTokens.looksLikeApiToken(request.token())) {
            throw ProblemException.notFound("no such token");
        }
        return verifier.verify(request.token()).map(i -> Response.ok(i).build())
                .orElseThrow(() -> ProblemException.notFound("no such token"));
    }

    /**
     * @return whether the caller manages every team's tokens: the service credential, or an admin of the operators'
     *         team ({@code pavu.auth.default-team}, the bootstrap admin's)
     */
    private boolean operator() {
        return PavuAuth.team(identity).map(config.defaultTeam()::equals).orElse(PavuAuth.isService(identity));
    }

    private String teamOf(String requested) {
        var mine = PavuAuth.team(identity);
        if (requested == null || requested.isBlank()) {
            return mine.orElse(config.defaultTeam());
        }
        String team = requested.strip();
        if (!operator() && !mine.get().equals(team)) {
            throw ProblemException.badField("team", "an admin creates tokens of its own team only ('" + mine.get() + "')");
        }
        if (!TEAM.matcher(team).matches()) {
            throw ProblemException.badField("team", "1–100 lower-case letters, digits or ._- ; was '" + team + "'");
        }
        return team;
    }
}
