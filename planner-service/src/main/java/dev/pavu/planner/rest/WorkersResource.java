package dev.pavu.planner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.kit.auth.Role;
import dev.pavu.planner.client.VerifierWorkersClient;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.function.Function;

/**
 * The verifier workers on the public API, for admins: their state and queue ({@code GET /workers}), pausing and
 * resuming them ({@code POST /workers/pause}, {@code POST /workers/resume}). The verifier keeps the state in its
 * database and every verifier process obeys within about a second; pausing loses nothing (queued candidates wait, runs
 * in flight finish). The planner passes the call on with the service credential and names the admin.
 */
@Path("/workers")
@RolesAllowed(Role.ADMIN_ROLE)
@Tag(name = "workers", description = "Verifier workers: status, pause and resume (admins)")
public class WorkersResource {

    /**
     * The optional body of pause and resume.
     *
     * @param reason why, in the admin's words (the verifier keeps the first 500 characters)
     */
    public record Change(String reason) {
    }

    private final VerifierWorkersClient verifier;
    private final SecurityIdentity identity;

    public WorkersResource(@RestClient VerifierWorkersClient verifier, SecurityIdentity identity) {
        this.verifier = verifier;
        this.identity = identity;
    }

    /** @return the verifier's answer: paused or not, who changed it, workers, running and queued candidates by priority */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verifier workers: paused or not, workers and what they run, queued candidates by priority")
    public JsonNode status() {
        return call("read the workers' status", VerifierWorkersClient::status);
    }

    /**
     * @param change optional reason
     * @return the status after pausing; 503 problem when the verifier cannot be reached
     */
    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause the verifier workers: queued candidates wait, runs in flight finish")
    public JsonNode pause(Change change) {
        return call("pause the workers", v -> v.pause(change(change)));
    }

    /**
     * @param change optional reason
     * @return the status after resuming; 503 problem when the verifier cannot be reached
     */
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume the verifier workers: they take queued candidates again")
    public JsonNode resume(Change change) {
        return call("resume the workers", v -> v.resume(change(change)));
    }

    private VerifierWorkersClient.Change change(Change change) {
        return new VerifierWorkersClient.Change(change == null ? null : change.reason(), identity.getPrincipal().getName());
    }

    private JsonNode call(String what, Function<VerifierWorkersClient, JsonNode> call) {
        try {
            return call.apply(verifier);
        } catch (RuntimeException e) {
            Log.warnf("could not %s: the verifier answered %s", what, e.getMessage());
            throw ProblemException.unavailable("could not " + what + ": the verifier cannot be reached now; retry in a "
                    + "moment (on the local stack: deploy/local/stack up verifier)");
        }
    }
}
