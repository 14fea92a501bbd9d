package dev.pavu.planner.client;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.ServiceCredentialFilter;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * The model gateway's OpenAI-compatible API ({@code quarkus.rest-client.gateway.url}, default
 * {@code ${PAVU_GATEWAY_URL:http://localhost:8085}}): which aliases it serves (and their capability), and the
 * planner's exploration call. An error answer is a {@link WebApplicationException} (its body is the gateway's
 * {@code {"error":{"message","code"}}}) and is not retried; an unreachable gateway is retried once. The
 * exploration call runs before the transaction that plans the iteration, with no transaction open and without the
 * job row's lock (the planner's {@code Lookahead}); it is cut at 60 s and a timeout is not retried (override with
 * {@code dev.pavu.planner.client.GatewayClient/complete/Timeout/value}).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "gateway")
@Path("/v1")
public interface GatewayClient {

    /**
     * @return {@code {"object":"list","data":[{"id":alias,"backends":[{"capability":…},…]},…],"message":…}}
     */
    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 10_000, skipOn = WebApplicationException.class)
    JsonNode models();

    /**
     * @param team the team whose use is asked for ({@code X-Pavu-Team}, honoured from the service credential only)
     * @return {@code GET /v1/usage}: {@code {team, usedTokens, limitTokens, periodStart, periodEnd}}
     */
    @GET
    @Path("/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, abortOn = WebApplicationException.class)
    JsonNode usage(@HeaderParam(PavuAuth.TEAM_HEADER) String team);

    /**
     * @param request an OpenAI chat-completions body ({@code model} is an alias)
     * @param team    the job's team, charged as the gateway's tenant ({@code X-Pavu-Team}, honoured from the service
     *                credential only); {@code null} = the gateway's default tenant
     * @return the completion
     */
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 500, retryOn = ProcessingException.class, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 10_000, skipOn = WebApplicationException.class)
    JsonNode complete(JsonNode request, @HeaderParam(PavuAuth.TEAM_HEADER) String team);

    /**
     * Retention: drops the request and response bodies of a team's model calls made before a moment (token counts
     * stay). Idempotent; the planner's retention run asks again on every run, so a failed call is made up later.
     *
     * @param request {@code {"team", "before" (ISO-8601 instant), "dryRun"}}
     * @return {@code {"team", "calls", "bytes", "dryRun"}}
     */
    @POST
    @Path("/retention/drop-bodies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 500, retryOn = ProcessingException.class, abortOn = WebApplicationException.class)
    JsonNode dropCallBodies(JsonNode request);
}
