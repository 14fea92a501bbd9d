package dev.pavu.planner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.kit.auth.AuthConfig;
import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.planner.client.GatewayClient;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.function.Supplier;

/**
 * The model gateway's catalogue and the caller's team's model-token use, on the public API for every role
 * ({@code GET /models}, {@code GET /models/usage}): the planner asks the gateway with the service credential and
 * names the caller's team, so a team sees only its own use.
 */
@Path("/models")
@Tag(name = "models", description = "Model aliases, backends and your team's token use")
public class ModelsResource {

    private final GatewayClient gateway;
    private final SecurityIdentity identity;
    private final AuthConfig auth;

    public ModelsResource(@RestClient GatewayClient gateway, SecurityIdentity identity, AuthConfig auth) {
        this.gateway = gateway;
        this.identity = identity;
        this.auth = auth;
    }

    /** @return the gateway's {@code GET /v1/models}: aliases, their backends, costs and circuit state; 503 when unreachable */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Model aliases and their backends (costs, limits, circuit state)")
    public JsonNode models() {
        return call("list the models", gateway::models);
    }

    /** @return {@code {team, usedTokens, limitTokens, periodStart, periodEnd}} of the caller's team; 503 when unreachable */
    @GET
    @Path("/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Your team's model tokens used and its budget in the current period")
    public JsonNode usage() {
        String team = PavuAuth.team(identity).orElse(auth.defaultTeam());
        return call("read your team's model usage", () -> gateway.usage(team));
    }

    private static JsonNode call(String what, Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Log.warnf("could not %s: the gateway answered %s", what, e.getMessage());
            throw ProblemException.unavailable("could not " + what + ": the model gateway cannot be reached now; retry in "
                    + "a moment (on the local stack: deploy/local/stack up model-gateway)");
        }
    }
}
