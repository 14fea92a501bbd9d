package dev.pavu.planner.client;

import dev.pavu.kit.auth.ServiceCredentialFilter;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/**
 * The updater's audit log, the one source of truth for a job's events
 * ({@code quarkus.rest-client.updater.url}, default {@code ${PAVU_UPDATER_URL:http://localhost:8084}}).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "updater")
@Path("/audit")
public interface UpdaterAuditClient {

    /**
     * @param jobId the job
     * @param after return only entries with {@code seq > after} (0 for all)
     * @return the job's events ordered by seq
     * @throws jakarta.ws.rs.WebApplicationException on an HTTP error status (404 when the updater knows no event of the job)
     * @throws jakarta.ws.rs.ProcessingException when the updater cannot be reached
     */
    @GET
    @Path("/jobs/{id}/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = WebApplicationException.class)
    List<AuditEvent> events(@PathParam("id") UUID jobId, @QueryParam("after") long after);
}
