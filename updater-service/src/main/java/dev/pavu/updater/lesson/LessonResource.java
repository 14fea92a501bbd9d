package dev.pavu.updater.lesson;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import dev.pavu.updater.rest.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Lesson cards over HTTP, scoped by team: a caller sees the cards of its own team (the service credential acting for
 * all teams sees every card); another team's job answers 404, as the planner's job endpoints do. The card's team is
 * the one its job's events carry, so no other service is asked.
 */
@Path("/lessons")
@RolesAllowed(Role.VIEWER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class LessonResource {

    /**
     * Largest {@code text} query, characters (a GET request line is limited to 4096 bytes by the HTTP server anyway:
     * longer answer 414).
     */
    static final int MAX_QUERY_CHARS = 2_000;

    private final LessonService lessons;
    private final LessonConfig config;
    private final SecurityIdentity identity;

    public LessonResource(LessonService lessons, LessonConfig config, SecurityIdentity identity) {
        this.lessons = lessons;
        this.config = config;
        this.identity = identity;
    }

    /**
     * @param jobId job id (UUID)
     * @return the job's lesson card
     * @throws ApiException 404 when the job has no card or it is another team's, 400 for a malformed id
     */
    @GET
    @Path("/{jobId}")
    @Operation(summary = "The lesson card of one concluded job")
    @APIResponse(responseCode = "200", description = "the card")
    @APIResponse(responseCode = "404", description = "no card for this job, or not the caller's team's")
    public LessonCard card(@PathParam("jobId") String jobId) {
        return visible(jobId).card();
    }

    /**
     * Exactly one of {@code jobId} and {@code text}.
     *
     * @param jobId a job whose card is the query (its own card is left out of the answer)
     * @param text  a failure described in words, e.g. an assertion message and test names
     * @param limit at most this many cards, 1–50 (default 5)
     * @return the nearest cards of the team, most similar first, each with its cosine similarity ({@code score},
     *         -1..1) and job id
     * @throws ApiException 400 for a malformed or missing query, 404 for an unknown or another team's job, 503 when
     *                      the embedding model cannot run
     */
    @GET
    @Path("/similar")
    @Operation(summary = "Lesson cards of the caller's team nearest to a job's card or to a text (cosine similarity)")
    @APIResponse(responseCode = "200", description = "JSON array of {jobId, score, card}, most similar first")
    @APIResponse(responseCode = "400", description = "neither or both of jobId and text, or a bad limit")
    @APIResponse(responseCode = "404", description = "the job has no card, or it is not the caller's team's")
    public List<LessonService.Similar> similar(
            @Parameter(description = "job id (UUID) whose card is the query") @QueryParam("jobId") String jobId,
            @Parameter(description = "a failure in words")
            @QueryParam("text") @Size(max = MAX_QUERY_CHARS, message = "text must be at most 2000 characters") String text,
            @Parameter(description = "at most this many cards, 1-50")
            @QueryParam("limit") @DefaultValue("5")
            @Pattern(regexp = "\\s*\\d{1,9}\\s*", message = "limit must be a whole number between 1 and 50")
            @Min(value = 1, message = "limit must be at least 1")
            @Max(value = 50, message = "limit must be at most 50") String limit) {
        boolean byJob = jobId != null && !jobId.isBlank();
        boolean byText = text != null && !text.isBlank();
        if (byJob == byText) {
            throw ApiException.badRequest("give exactly one of jobId (a job whose card is the query) and text "
                    + "(a failure in words), e.g. /lessons/similar?text=expected%20<3>%20but%20was%20<4>");
        }
        int n = Integer.parseInt(limit.strip());
        if (byJob) {
            LessonRepository.Stored query = visible(jobId);
            float[] vector = query.embedding() != null ? query.embedding() : embed(query.embedded()); // still pending
            return lessons.similar(vector, query.card().team(), query.card().jobId(), n);
        }
        return lessons.similar(embed(Shapes.clean(text, config.maxCardChars())), PavuAuth.team(identity).orElse(null),
                null, n);
    }

    private float[] embed(String text) {
        try {
            return lessons.embed(text);
        } catch (RuntimeException | LinkageError e) {
            throw ApiException.unavailable("the embedding model cannot run here (" + e.getMessage() + "); retry later");
        }
    }

    /**
     * Bean Validation failures of this resource's parameters as the updater's problem body (400).
     *
     * @param e the violations
     * @return 400 with each violated rule's message
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .distinct().collect(Collectors.joining("; "));
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(ApiException.badRequest(detail).problem()).build();
    }

    private LessonRepository.Stored visible(String raw) {
        UUID id;
        try {
            id = UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("job id '" + Shapes.clean(raw, 100) + "' is not a UUID");
        }
        return lessons.card(id).filter(s -> PavuAuth.sees(identity, s.card().team()))
                .orElseThrow(() -> ApiException.notFound("no lesson card for job " + id
                        + " (not concluded yet, concluded before lessons were kept, or not your team's)"));
    }

}
