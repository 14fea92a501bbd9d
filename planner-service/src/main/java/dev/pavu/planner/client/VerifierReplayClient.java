package dev.pavu.planner.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.kit.auth.ServiceCredentialFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The verifier's replay endpoint ({@code quarkus.rest-client.verifier-replay.url}, the verifier's URL; its read timeout
 * is long, since a verification takes up to the candidate's limit), called with the service credential.
 */
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterRestClient(configKey = "verifier-replay")
@Path("/replays")
public interface VerifierReplayClient {

    /**
     * @param diffProposed the recorded candidate's {@code pavu.diff.proposed.v1} event, as the audit log holds it
     * @return {@code {candidateId, replayId, verdict, reason, gates:[…], testsRun, testsFailed, failingTests:[…],
     *         durationMs, comparedToBaseline, log}}
     * @throws jakarta.ws.rs.WebApplicationException on an HTTP error status (429 when a replay is running there)
     * @throws jakarta.ws.rs.ProcessingException when the verifier cannot be reached
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode replay(String diffProposed);
}
