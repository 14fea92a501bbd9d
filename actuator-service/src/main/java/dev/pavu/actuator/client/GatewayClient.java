package dev.pavu.actuator.client;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.ServiceCredentialFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * The model gateway's OpenAI-compatible API ({@code quarkus.rest-client.gateway.url}, default
 * {@code ${PAVU_GATEWAY_URL:http://localhost:8085}}). The gateway routes, retries and falls back between
 * backends itself, so this client retries only when the gateway cannot be reached; an error answer is a
 * {@link GatewayException} with the gateway's message and is never retried. The time limit covers a slow
 * model (override with {@code dev.pavu.actuator.client.GatewayClient/complete/Timeout/value}).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "gateway")
@RegisterProvider(GatewayErrors.class)
@Path("/v1")
public interface GatewayClient {

    /**
     * @param request the chat request; {@code model} is an alias of the gateway's models file
     * @param team    the job's team ({@code TaskSpec.team}), charged as the gateway's tenant ({@code X-Pavu-Team},
     *                honoured from the service credential only); {@code null} = the gateway's default tenant
     * @return the completion
     * @throws GatewayException     when the gateway answers an error (unknown alias, backends down, prompt too long)
     * @throws ProcessingException  when the gateway cannot be reached
     */
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 300, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, retryOn = ProcessingException.class, abortOn = GatewayException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000, skipOn = GatewayException.class)
    ChatResponse complete(ChatRequest request, @HeaderParam(PavuAuth.TEAM_HEADER) String team);
}
