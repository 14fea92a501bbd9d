package dev.pavu.planner.rest;

import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.delivery.GitCredentials;
import dev.pavu.planner.quota.TeamQuotas;
import dev.pavu.planner.report.JobReport;
import dev.pavu.planner.report.ReportHtml;
import dev.pavu.planner.report.ReportService;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.service.EventLogService;
import dev.pavu.planner.service.JobService;
import dev.pavu.planner.service.JobSubmission;
import dev.pavu.planner.service.JobTransitions;
import dev.pavu.planner.source.SourceResolver;
import dev.pavu.planner.source.SubmittedUrls;
import dev.pavu.kit.auth.AuthConfig;
import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import io.quarkus.panache.common.Page;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The jobs API: submit a task on a repository, follow it, fetch the verified patch. Errors are
 * {@code application/problem+json} ({@link Problem}). Every endpoint needs a credential (viewer reads; submitter
 * also submits and cancels); a caller sees only its team's jobs: another team's job id answers 404, like an
 * unknown one.
 */
@Path("/jobs")
@Tag(name = "jobs", description = "Submit, follow and cancel jobs; fetch their patches and events")
public class JobResource {

    /** Default and largest page of {@code GET /jobs}. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;
    static final String DIFF = "text/x-diff";
    static final String MARKDOWN = "text/markdown";

    private final JobService jobs;
    private final JobTransitions transitions;
    private final EventLogService events;
    private final PlannerConfig config;
    private final ReportService reports;
    private final SubmittedUrls urls;
    private final SecurityIdentity identity;
    private final AuthConfig auth;
    private final TeamQuotas quotas;
    private final GitCredentials credentials;
    private final VisibleJobs visible;

    public JobResource(JobService jobs, JobTransitions transitions, EventLogService events, PlannerConfig config,
                       ReportService reports, SubmittedUrls urls, SecurityIdentity identity, AuthConfig auth,
                       TeamQuotas quotas, GitCredentials credentials, VisibleJobs visible) {
        this.visible = visible;
        this.quotas = quotas;
        this.credentials = credentials;
        this.identity = identity;
        this.auth = auth;
        this.jobs = jobs;
        this.transitions = transitions;
        this.events = events;
        this.config = config;
        this.reports = reports;
        this.urls = urls;
    }

    /**
     * Submits a job on a git URL.
     *
     * @param body JSON {@link JobRequest} with {@code source.gitUrl}
     * @param uri  request URI (for Location)
     * @return 202 with the job and its Location; 400 problem saying what is wrong (a {@code gitUrl} that is not
     *         {@code http(s)://} to a public or allowlisted host included; a {@code resultBranch} whose name is refused or
     *         whose credential the team may not use, told like an unknown one); 413 problem when the task, error log, test
     *         command or body is larger than its limit
     */
    @POST
    @RolesAllowed(Role.SUBMITTER_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job on a git URL", description = "Stores the job, announces JobSubmitted, resolves "
            + "the source in the background, then asks for the baseline run. Follow it at /jobs/{id}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobRequest.class)))
    @APIResponse(responseCode = "202", description = "accepted", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "invalid request; a gitUrl that is not http(s):// to a public host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "task, errorLog, testCommand or the body larger than its limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "the team is at its quota of running jobs or of candidates per day (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(String body, @Context UriInfo uri) {
        JobSubmission s = JobRequests.parse(body, false, JobRequests.Limits.of(config), urls::refusal,
                credentials.rules(team()));
        quotas.checkSubmission(team());
        return accepted(jobs.submit(s, null, team()), uri);
    }

    /**
     * Submits a job on an uploaded git bundle.
     *
     * @param bundle the git bundle ({@code git bundle create repo.bundle --all})
     * @param job    optional JSON {@link JobRequest} without {@code source.gitUrl}
     * @param uri    request URI (for Location)
     * @return 202 with the job and its Location; 400 problem saying what is wrong; 413 problem when the bundle or a
     *         text is larger than its limit
     */
    @POST
    @RolesAllowed(Role.SUBMITTER_ROLE)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job on an uploaded git bundle",
            description = "Parts: 'bundle' (file, a git bundle) and optionally 'job' (JSON job request without source.gitUrl; source.ref picks the ref).")
    @APIResponse(responseCode = "202", description = "accepted", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "bundle (pavu.planner.limits.max-upload-bytes) or a text larger than its limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "the team is at its quota of running jobs or of candidates per day (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submitBundle(@RestForm("bundle") FileUpload bundle, @RestForm("job") String job, @Context UriInfo uri) {
        if (bundle == null || bundle.uploadedFile() == null) {
            throw ProblemException.badField("bundle", "required: a multipart part 'bundle' holding a git bundle "
                    + "(create one with: git bundle create repo.bundle --all)");
        }
        JobSubmission s = JobRequests.parse(job, true, JobRequests.Limits.of(config), urls::refusal,
                credentials.rules(team()));
        quotas.checkSubmission(team());
        java.nio.file.Path upload = keepUpload(bundle.uploadedFile());
        return accepted(jobs.submit(s, upload, team()), uri);
    }

    /**
     * @param limit how many jobs, 1–200 (default 20)
     * @return the newest jobs first
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List jobs, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<JobView> list(@QueryParam("limit") String limit) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badField("limit", "expected a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'");
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw ProblemException.badField("limit", "must be from 1 to " + MAX_LIMIT + ", was " + n);
            }
        }
        Sort newest = Sort.descending("submittedAt");
        var query = PavuAuth.team(identity).map(team -> JobEntity.<JobEntity>find("team", newest, team))
                .orElseGet(() -> JobEntity.findAll(newest));
        return JobView.of(query.page(Page.ofSize(n)).list());
    }

    /**
     * @param id job id (UUID)
     * @return the job
     */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job's state, counts and outcome")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@PathParam("id") String id) {
        return JobView.of(find(id));
    }

    /**
     * @param id job id
     * @return the plausible patch as a unified diff (empty when nothing needed repair)
     */
    @GET
    @Path("/{id}/patch")
    @Produces(DIFF)
    @Operation(summary = "The verified patch (unified diff)", description = "404 problem while there is none, saying the job's state.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = DIFF))
    @APIResponse(responseCode = "404", description = "unknown job, or no patch (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") String id) {
        JobEntity j = find(id);
        if (j.patch == null) {
            String state = j.state == JobState.CONCLUDED
                    ? "it concluded " + j.outcome + ": " + j.reason
                    : "it is " + j.state + (j.state == JobState.REPAIRING ? " (iteration " + j.iteration + ")" : "") + "; try again later";
            throw ProblemException.notFound("job " + j.id + " has no patch: " + state);
        }
        return Response.ok(j.patch, DIFF).build();
    }

    /**
     * @param id job id
     * @return the job's report as Markdown: the job, the baseline, the fault-localisation ranking (top 20), the
     *         decisions, the candidates in the order they were verified and the final patch; 404 problem for an
     *         unknown job
     */
    @GET
    @Path("/{id}/report")
    @Produces(MARKDOWN)
    @Operation(summary = "A job's report (Markdown)", description = "The job, its baseline, the fault-localisation "
            + "ranking, the decisions of its plans, its candidates in the order they were verified with their verdicts, "
            + "and the final patch (flagged when it only deletes code). Works while the job runs; per-candidate details "
            + "come from the updater's audit log and are left out, with a note, when it cannot be read.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MARKDOWN))
    @APIResponse(responseCode = "404", description = "unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("id") String id) {
        UUID jobId = find(id).id;
        String md = reports.markdown(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        return Response.ok(md, MARKDOWN + ";charset=UTF-8").build();
    }

    /**
     * @param id job id
     * @return the same report's content as JSON ({@link JobReport}: the job, baseline, ranking, plans, candidates, the
     *         top {@value JobReport#TOP_PLAUSIBLE} plausible patches with score and reasons, the patch); 404 problem for
     *         an unknown job
     */
    @GET
    @Path("/{id}/report")
    @Produces(MediaType.APPLICATION_JSON + ";qs=0.4") // Markdown stays the answer to Accept: */*
    @Operation(summary = "A job's report (JSON)", description = "The report's content for programs (ask with Accept: "
            + "application/json), including plausibleCount and the top 3 plausible patches ranked by likelihood of being "
            + "correct, each with its score and reasons.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobReport.class)))
    @APIResponse(responseCode = "404", description = "unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobReport reportJson(@PathParam("id") String id) {
        UUID jobId = find(id).id;
        return reports.report(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
    }

    /**
     * @param id job id
     * @return the same report as a standalone HTML page (raw HTML in it escaped, no scripts allowed by its
     *         Content-Security-Policy); 404 problem for an unknown job
     */
    @GET
    @Path("/{id}/report")
    @Produces("text/html;qs=0.5") // Markdown stays the answer to Accept: */*
    @Operation(summary = "A job's report (HTML)", description = "The Markdown report rendered as a page, for browsers "
            + "(ask with Accept: text/html).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reportHtml(@PathParam("id") String id) {
        UUID jobId = find(id).id;
        String md = reports.markdown(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        return Response.ok(ReportHtml.page(md, "Pavu job " + jobId), MediaType.TEXT_HTML + ";charset=UTF-8")
                .header("Content-Security-Policy", ReportHtml.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * @param id    job id
     * @param after only events with a larger seq (default 0)
     * @return the job's events from the updater's audit log, oldest first
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job's events (from the updater's audit log)",
            description = "JSON list; ask with Accept: text/event-stream for a live stream that ends after JobConcluded.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEvent.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)),
            @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = AuditEvent.class))})
    @APIResponse(responseCode = "503", description = "the updater (audit log) is not reachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AuditEvent> events(@PathParam("id") String id, @QueryParam("after") String after) {
        JobEntity j = find(id);
        try {
            // without a cursor: the whole history as it happened; with after=<seq>: the next page of the log
            return after == null || after.isBlank() ? events.history(j.id) : events.events(j.id, after(after));
        } catch (EventLogService.UnavailableException e) {
            throw ProblemException.unavailable(e.getMessage());
        }
    }

    /**
     * @param id    job id
     * @param after start after this seq (default 0: the whole history first)
     * @return a live SSE stream of the job's events (each data line one JSON event), ending after JobConcluded
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(hidden = true)
    public Multi<AuditEvent> stream(@PathParam("id") String id, @QueryParam("after") String after) {
        JobEntity j = find(id);
        return events.stream(j.id, after(after));
    }

    /**
     * @param id job id
     * @return 202 with the job, now CANCELLED; 409 problem when it had already concluded
     */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Role.SUBMITTER_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a job", description = "Sends JobCancelled and JobConcluded(CANCELLED); verifiers skip its remaining candidates.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "already concluded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") String id) {
        UUID jobId = find(id).id;
        try {
            JobEntity cancelled = transitions.cancel(jobId, null)
                    .orElseThrow(() -> ProblemException.notFound("no job " + jobId));
            return Response.accepted(JobView.of(cancelled)).build();
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    /** @return the caller's team, which a job it submits belongs to (the default team for a service without one) */
    private String team() {
        return PavuAuth.team(identity).orElse(auth.defaultTeam());
    }

    private JobEntity find(String id) {
        return visible.find(id);
    }

    private static long after(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(after.trim());
            if (n < 0) {
                throw ProblemException.badField("after", "must be 0 or more, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badField("after", "expected a sequence number (a whole number), got '" + after + "'");
        }
    }

    private java.nio.file.Path keepUpload(java.nio.file.Path uploaded) {
        try {
            long size = Files.size(uploaded);
            long max = config.limits().maxUploadBytes().asLongValue();
            if (size > max) {
                throw ProblemException.tooLarge("bundle", "the uploaded bundle has " + size + " bytes, more than the limit of "
                        + max + " bytes (pavu.planner.limits.max-upload-bytes); upload a smaller bundle, e.g. "
                        + "'git bundle create repo.bundle HEAD' holds one branch only");
            }
            if (size == 0) {
                throw ProblemException.badField("bundle", "the uploaded file is empty");
            }
            byte[] head = new byte[20];
            int n;
            try (InputStream in = Files.newInputStream(uploaded)) {
                n = in.readNBytes(head, 0, head.length);
            }
            String start = new String(head, 0, n, StandardCharsets.US_ASCII);
            boolean zip = start.startsWith("PK\u0003\u0004");
            if (!zip && !start.startsWith("# v2 git bundle") && !start.startsWith("# v3 git bundle")) {
                throw ProblemException.badField("bundle", "neither a git bundle (it starts with '# v2 git bundle') nor a "
                        + "zip archive; create one with: git bundle create repo.bundle --all, or zip the project folder");
            }
            java.nio.file.Path dir = config.workDir().resolve("uploads");
            Files.createDirectories(dir);
            java.nio.file.Path kept = dir.resolve(UUID.randomUUID() + (zip ? SourceResolver.ZIP_SUFFIX : ".bundle"));
            Files.copy(uploaded, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            io.quarkus.logging.Log.errorf(e, "cannot keep the uploaded bundle %s", uploaded);
            throw new IllegalStateException("cannot keep the uploaded bundle (" + e.getClass().getSimpleName()
                    + "); the planner's disk may be full, retry later", e);
        }
    }

    private static Response accepted(JobEntity job, UriInfo uri) {
        return Response.accepted(JobView.of(job))
                .location(uri.getBaseUriBuilder().path("jobs").path(job.id.toString()).build())
                .build();
    }
}
