package dev.pavu.updater.rest;

import dev.pavu.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.pavu.updater.config.UpdaterConfig;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.JobSummary;
import dev.pavu.updater.repository.JobSummaryRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * The audit log over HTTP. {@code GET /audit/jobs/{id}/events} is the one source of truth for a job's
 * timeline: the planner serves {@code GET /jobs/{id}/events} (JSON and SSE) by reading it. Pavu's services only
 * (the service credential): users read a job's events through the planner, which checks their team.
 */
@Path("/audit")
@RolesAllowed(Role.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final EventRepository events;
    private final JobSummaryRepository summaries;
    private final UpdaterConfig config;

    public AuditResource(EventRepository events, JobSummaryRepository summaries, UpdaterConfig config) {
        this.events = events;
        this.summaries = summaries;
        this.config = config;
    }

    /**
     * @param jobId job id (UUID)
     * @param after only events with {@code seq} greater than this (default 0)
     * @param limit at most this many (default {@code pavu.updater.page.default-limit}, capped at the max limit)
     * @return the job's events ordered by {@code seq}; {@code []} for a job with no event (yet)
     * @throws ApiException 400 when a parameter is malformed
     */
    @GET
    @Path("/jobs/{jobId}/events")
    @Operation(summary = "Events of one job in log order", description = "Page with after=<last seq seen>.")
    @APIResponse(responseCode = "200", description = "JSON array of events, ordered by seq")
    @APIResponse(responseCode = "400", description = "malformed job id, after or limit")
    public List<AuditEventView> jobEvents(@PathParam("jobId") String jobId,
                                          @Parameter(description = "only events with seq > after") @QueryParam("after") String after,
                                          @Parameter(description = "at most this many events") @QueryParam("limit") String limit) {
        return events.forJob(Params.jobId(jobId), Params.after(after), Params.limit(limit, config.page()))
                .stream().map(AuditEventView::of).toList();
    }

    /**
     * @param jobId job id (UUID)
     * @return the job's summary
     * @throws ApiException 404 when the log has no event of the job, 400 for a malformed id
     */
    @GET
    @Path("/jobs/{jobId}/summary")
    @Operation(summary = "Summary of one job: state, outcome, candidates, verdict counts, patch")
    @APIResponse(responseCode = "200", description = "the summary")
    @APIResponse(responseCode = "404", description = "no event of this job in the audit log")
    public JobSummary summary(@PathParam("jobId") String jobId) {
        return summaries.find(Params.jobId(jobId))
                .orElseThrow(() -> ApiException.notFound("no event of job " + jobId + " in the audit log"));
    }

    /**
     * @param type  event type filter: versioned ({@code pavu.job.concluded.v1}) or not ({@code pavu.job.concluded}); all when absent
     * @param after only events with {@code seq} greater than this (default 0)
     * @param limit at most this many
     * @return events of all jobs ordered by {@code seq}
     * @throws ApiException 400 when a parameter is malformed
     */
    @GET
    @Path("/events")
    @Operation(summary = "Events of all jobs in log order (for auditors)", description = "Page with after=<last seq seen>.")
    public List<AuditEventView> allEvents(@Parameter(description = "event type, with or without its .v<major> suffix") @QueryParam("type") String type,
                                          @QueryParam("after") String after, @QueryParam("limit") String limit) {
        String t = type == null || type.isBlank() ? null : type.strip();
        if (t != null && !t.matches("pavu\\.[a-z.]+(\\.v\\d+)?")) {
            throw ApiException.badRequest("type must look like pavu.<name>[.v<major>], e.g. pavu.verdict.issued.v1; was '" + type + "'");
        }
        return events.all(t, Params.after(after), Params.limit(limit, config.page()))
                .stream().map(AuditEventView::of).toList();
    }
}
