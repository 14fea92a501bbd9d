package dev.pavu.planner.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.kit.auth.ServiceCredentialFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The updater's lesson cards ({@code GET /lessons/similar}): the cards of a team nearest to a failure, read when a
 * repair plan is prepared ({@code quarkus.rest-client.updater.url}, the service credential acting for the job's team).
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "updater")
@Path("/lessons")
public interface UpdaterLessonsClient {

    /**
     * @param team  the job's team ({@code X-Pavu-Team}: the service credential then sees that team's cards only)
     * @param text  the failure in words (at most 2000 characters)
     * @param limit at most this many cards, 1–50
     * @return {@code [{jobId, score (cosine, -1..1), card: {outcome, fix: {pattern, …} | null, …}}]}, most similar
     *         first
     * @throws WebApplicationException on a 4xx/5xx answer (the caller plans without lessons)
     */
    @GET
    @Path("/similar")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 10_000, skipOn = WebApplicationException.class)
    JsonNode similar(@HeaderParam("X-Pavu-Team") String team, @QueryParam("text") String text,
                     @QueryParam("limit") int limit);
}
