package dev.pavu.planner.client;

import dev.pavu.kit.auth.ServiceCredentialFilter;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The updater's success statistics ({@code GET /stats/patterns}: verified candidates and PASS counts per fix
 * pattern and per failure kind), read by the repair-vs-regenerate cost model for the past success rates
 * ({@code quarkus.rest-client.updater.url}).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "updater")
@Path("/stats")
public interface UpdaterStatsClient {

    /**
     * @return {@code {"patterns":[{pattern,jobs,candidates,passes,passRate}],"failureKinds":[…],…}}
     */
    @GET
    @Path("/patterns")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 10_000, skipOn = WebApplicationException.class)
    JsonNode patterns();

    /**
     * @param since ISO-8601 instant, start of the window
     * @return {@code GET /stats/summary}: {since, until, jobs, byOutcome, successRate, timeToPatchMs, candidatesPerJob,
     *         topFailureKinds, topPatterns}, passed on as the updater wrote it
     */
    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(10000)
    JsonNode summary(@QueryParam("since") String since);
}
