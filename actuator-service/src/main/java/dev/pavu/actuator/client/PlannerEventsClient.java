package dev.pavu.actuator.client;

import dev.pavu.kit.auth.ServiceCredentialFilter;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The planner's {@code GET /jobs/{id}/events} (the updater's audit log of the job), read by the LLM proposer to
 * show the model the job's earlier candidates that failed and why ({@code quarkus.rest-client.planner.url},
 * the actuator's {@code pavu.actuator.planner-url}). Best effort: the prompt goes without them when this fails.
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "planner")
@Path("/jobs")
public interface PlannerEventsClient {

    /**
     * @param jobId the job
     * @return a JSON array of audit entries ({@code seq, type, payload, …}), oldest first
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 10_000, skipOn = WebApplicationException.class)
    JsonNode events(@PathParam("id") UUID jobId);
}
