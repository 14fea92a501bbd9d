package dev.pavu.updater.rest;

import dev.pavu.kit.auth.JobAccess;
import dev.pavu.kit.auth.Role;
import dev.pavu.updater.chain.AuditChain;
import dev.pavu.updater.chain.ChainVerification;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import dev.pavu.updater.config.UpdaterConfig;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.JobSummary;
import dev.pavu.updater.repository.JobSummaryRepository;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.UUID;

/**
 * The audit log over HTTP. {@code GET /audit/jobs/{id}/events} is the one source of truth for a job's
 * timeline: the planner serves {@code GET /jobs/{id}/events} (JSON and SSE) by reading it. Pavu's services only
 * (the service credential): users read a job's events through the planner, which checks their team.
 *
 * <p>A job's hash chain is the exception: {@code GET /audit/jobs/{id}/verify} (a viewer of the job's team) and
 * {@code POST /audit/jobs/{id}/prune} (an admin of the job's team, explicitly; the prune leaves its own record in
 * the chain). A job of another team answers 404, as the planner's job endpoints do (the planner says whose a job
 * is, {@link JobAccess}).
 */
@Path("/audit")
@RolesAllowed(Role.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final EventRepository events;
    private final JobSummaryRepository summaries;
    private final UpdaterConfig config;
    private final AuditChain chain;
    private final JobAccess access;
    private final SecurityIdentity identity;

    public AuditResource(EventRepository events, JobSummaryRepository summaries, UpdaterConfig config, AuditChain chain,
                         JobAccess access, SecurityIdentity identity) {
        this.events = events;
        this.summaries = summaries;
        this.config = config;
        this.chain = chain;
        this.access = access;
        this.identity = identity;
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

    /**
     * @param jobId job id (UUID)
     * @return the verification: {@code intact} and {@code summary} ("intact: N events"), else the first event
     * changed, removed or inserted ({@code problem}: kind, position, seq, event id); dead-lettered events as gaps
     * @throws ApiException 404 when the log has nothing of the job or the caller's team does not own it, 400 for a
     *                      malformed id
     */
    @GET
    @Path("/jobs/{jobId}/verify")
    @RolesAllowed(Role.VIEWER_ROLE)
    @Operation(summary = "Recompute a job's audit hash chain and name the first changed, removed or inserted event")
    @APIResponse(responseCode = "200", description = "the verification (intact or not: read 'intact')")
    @APIResponse(responseCode = "404", description = "no event of this job, or not the caller's team's")
    public ChainVerification verify(@PathParam("jobId") String jobId) {
        UUID id = visible(jobId);
        return chain.verify(id).orElseThrow(() -> ApiException.notFound("no event of job " + jobId + " in the audit log"));
    }

    /**
     * @param jobId   job id (UUID)
     * @param request what to prune ({@code through}: last position, default all) and why
     * @return the verification after the prune (intact, starting after the pruned range)
     * @throws ApiException 404 unknown or another team's job, 400 bad range, 409 the chain is not intact
     */
    @POST
    @Path("/jobs/{jobId}/prune")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prune a job's audit chain (admin; leaves a pruned-range record with the last hash)")
    @APIResponse(responseCode = "200", description = "pruned; the chain verifies from the prune's last hash")
    @APIResponse(responseCode = "409", description = "the chain is not intact: refused, to keep the evidence")
    public ChainVerification prune(@PathParam("jobId") String jobId, PruneRequest request) {
        UUID id = visible(jobId);
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        if (reason != null && reason.length() > 2000) {
            throw ApiException.badRequest("reason must be at most 2000 characters");
        }
        String by = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        try {
            return chain.prune(id, request == null ? null : request.through(), by, reason);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("no event")
                    ? ApiException.notFound(e.getMessage()) : ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("not intact")) {
                throw ApiException.conflict(e.getMessage());
            }
            throw e;
        }
    }

    private UUID visible(String raw) {
        UUID id = Params.jobId(raw);
        if (!access.sees(identity, id)) {
            throw ApiException.notFound("no event of job " + raw + " in the audit log");
        }
        return id;
    }

    /**
     * Body of a prune request.
     *
     * @param through last chain position to remove, or {@code null} for all of it
     * @param reason  why (recorded), optional
     */
    public record PruneRequest(Long through, String reason) {
    }
}
