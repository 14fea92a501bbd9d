package dev.pavu.planner.rest;

import dev.pavu.kit.auth.Role;
import dev.pavu.planner.replay.JobReplay;
import dev.pavu.planner.replay.ReplayReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Replays a concluded job ({@code POST /jobs/{id}/replay?verifyOnly=true}, {@code pavu replay ID --verify-only}): its
 * final patch is verified again in the sandbox and compared with the recorded verdict ({@link JobReplay}). Only the
 * verify-only replay exists; a full replay (every plan and candidate again, model answers from the recorded calls) is
 * refused with 501.
 */
@Path("/jobs")
@Tag(name = "jobs")
public class ReplayResource {

    private final VisibleJobs visible;
    private final JobReplay replay;

    public ReplayResource(VisibleJobs visible, JobReplay replay) {
        this.visible = visible;
        this.replay = replay;
    }

    /**
     * @param id         job id
     * @param verifyOnly must be {@code true}: re-verify the final patch only
     * @return the comparison of the recorded and the new verdict
     */
    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Role.SUBMITTER_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a concluded job's final patch again and compare the verdict with the recorded one",
            description = "The winning candidate (source, diff and verification settings from the audit log) is verified "
                    + "again in the sandbox; the answer lists every difference (verdict, tests run, tests failed, failing "
                    + "tests). Nothing of the job changes. Needs verifyOnly=true.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayReport.class)))
    @APIResponse(responseCode = "404", description = "unknown job (or another team's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the job has no verified patch, or its audit log no longer holds it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "501", description = "a full replay was asked for (only verifyOnly=true exists)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayReport replay(@PathParam("id") String id, @QueryParam("verifyOnly") boolean verifyOnly) {
        var job = visible.find(id);
        if (!verifyOnly) {
            throw new ProblemException(new Problem("urn:pavu:problem:not-implemented", "Not implemented", 501,
                    "only the final patch can be replayed yet: ask with verifyOnly=true (pavu replay " + job.id
                            + " --verify-only); a full replay of every plan and candidate is not available", List.of()));
        }
        return replay.verifyOnly(job);
    }
}
