package dev.pavu.verifier.rest;

import dev.pavu.verifier.config.LogFiles;
import dev.pavu.kit.auth.JobAccess;
import io.quarkus.security.identity.SecurityIdentity;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.repository.RunRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * The verifier's runs: state and verdict of a candidate, and its full (capped) build log. A user's token sees the
 * runs of its team's jobs only (the planner says whose a job is); any other run answers 404.
 */
@Path("/runs")
public class RunResource {

    private final RunRepository runs;
    private final java.nio.file.Path logs;
    private final SecurityIdentity identity;
    private final JobAccess access;

    public RunResource(RunRepository runs, VerifierConfig config, SecurityIdentity identity, JobAccess access) {
        this.runs = runs;
        this.identity = identity;
        this.access = access;
        this.logs = LogFiles.dir(config);
    }

    /**
     * @param candidateId candidate id (UUID)
     * @return the run: state, worker, verdict, reason, duration, timestamps
     */
    @GET
    @Path("/{candidateId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "State and verdict of one candidate's run")
    @APIResponse(responseCode = "404", description = "this verifier has not seen the candidate")
    public RunRepository.RunView run(@PathParam("candidateId") UUID candidateId) {
        return visible(candidateId).orElseThrow(() -> notFound("no run of candidate " + candidateId));
    }

    /**
     * @param candidateId candidate id (UUID)
     * @return the build log as text: the first and last 256 KB of the output, with a line counting what was left out
     */
    @GET
    @Path("/{candidateId}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    @Operation(summary = "The build and test log of one candidate (first and last 256 KB)")
    @APIResponse(responseCode = "404", description = "no log for the candidate (not run here, or still running)")
    public Response log(@PathParam("candidateId") UUID candidateId) {
        java.nio.file.Path file = LogFiles.candidate(logs, candidateId);
        if (!Files.isRegularFile(file) || visible(candidateId).isEmpty()) {
            throw notFound("no log of candidate " + candidateId + " on this verifier (not run here, or still running)");
        }
        return Response.ok(file.toFile(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }

    /** The run, when the caller's team owns its job (the planner says); another team's run is "not found". */
    private java.util.Optional<RunRepository.RunView> visible(UUID candidateId) {
        return runs.find(candidateId).filter(r -> r.jobId() != null && access.sees(identity, r.jobId()));
    }

    private static NotFoundException notFound(String why) {
        return new NotFoundException(Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", 404, "title", "Not Found", "detail", why)).build());
    }
}
