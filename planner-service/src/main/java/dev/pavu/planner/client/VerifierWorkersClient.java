package dev.pavu.planner.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.kit.auth.ServiceCredentialFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The verifier's admin API for its workers ({@code quarkus.rest-client.verifier.url}), called with the service
 * credential: the planner serves it on the public API for admins ({@code /workers}).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "verifier")
@Path("/workers")
public interface VerifierWorkersClient {

    /**
     * The body of pause and resume.
     *
     * @param reason why, in the admin's words (may be {@code null})
     * @param by     the admin on whose behalf the planner asks (the verifier records it as "by (via service)")
     */
    record Change(String reason, String by) {
    }

    /**
     * @return {@code {paused, changedBy, changedAt, reason, workers:[{workerId, threads, seenAt, running:[…]}], running,
     *         queued, queuedByPriority:{priority: count}}}, as the verifier wrote it
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    JsonNode status();

    /**
     * @param change reason and admin
     * @return the status after pausing
     */
    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    JsonNode pause(Change change);

    /**
     * @param change reason and admin
     * @return the status after resuming
     */
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    JsonNode resume(Change change);
}
