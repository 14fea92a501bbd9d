package dev.pavu.updater.rest;

import dev.pavu.kit.auth.Role;
import dev.pavu.updater.config.UpdaterConfig;
import dev.pavu.updater.repository.DeadLetterRepository;
import dev.pavu.updater.service.DeadLetterReplay;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * Dead letters over HTTP: list and read what consumers gave up on, and replay one (once) to the retry topic of the
 * consumer that gave up on it.
 * {@code pavu dlq list|show|replay} speaks to this resource.
 */
@Path("/dead-letters")
@RolesAllowed(Role.ADMIN_ROLE) // every team's failed records, and replay re-sends them: an operator's job
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterRepository letters;
    private final DeadLetterReplay replay;
    private final UpdaterConfig config;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetterRepository letters, DeadLetterReplay replay, UpdaterConfig config,
                              SecurityIdentity identity) {
        this.letters = letters;
        this.replay = replay;
        this.config = config;
        this.identity = identity;
    }

    /**
     * @param jobId    only this job's (UUID), or all
     * @param consumer only those of this service or consumer group (e.g. {@code planner-service}), or all
     * @param after    only ids greater than this
     * @param limit    at most this many
     * @return dead letters by id
     * @throws ApiException 400 for a malformed parameter
     */
    @GET
    @Operation(summary = "Dead letters, oldest first", description = "Filter by jobId and consumer; page with after=<last id>.")
    @APIResponse(responseCode = "200", description = "JSON array of dead letters")
    @APIResponse(responseCode = "400", description = "malformed jobId, consumer, after or limit")
    public List<DeadLetterView> list(@QueryParam("jobId") String jobId, @QueryParam("consumer") String consumer,
                                     @QueryParam("after") String after, @QueryParam("limit") String limit) {
        String c = consumer == null || consumer.isBlank() ? null : consumer.strip();
        if (c != null && !c.matches("[A-Za-z0-9._-]{1,200}")) {
            throw ApiException.badRequest("consumer must be a service or consumer-group name, e.g. planner-service; was '"
                    + consumer + "'");
        }
        return letters.list(jobId == null || jobId.isBlank() ? null : Params.jobId(jobId), c, Params.after(after),
                Params.limit(limit, config.page())).stream().map(DeadLetterView::of).toList();
    }

    /**
     * @param id a dead letter's id
     * @return it, with its value and original headers
     * @throws ApiException 404 when unknown, 400 when not a number
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter")
    @APIResponse(responseCode = "404", description = "no such dead letter")
    public DeadLetterView show(@PathParam("id") String id) {
        long n = Params.id(id);
        return letters.find(n).map(DeadLetterView::of)
                .orElseThrow(() -> ApiException.notFound("no dead letter " + id));
    }

    /**
     * Re-publishes the dead letter's original value, key and headers (same event id), once, to
     * {@code <topic>.retry.<group>}: the consumer group that gave up reads it there again.
     *
     * @param id      a dead letter's id
     * @param request who it is replayed for ({@code by}); optional, recorded after the authenticated caller's name
     * @param actor   header {@code X-Pavu-Actor}, used when the body names nobody
     * @return the dead letter, now marked replayed
     * @throws ApiException 404 unknown, 409 replayed before (the body says when and by whom) or no original topic,
     *                      503 the broker did not take it (not marked: try again)
     */
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay a dead letter to the retry topic of the consumer that gave up on it (once)")
    @APIResponse(responseCode = "200", description = "replayed")
    @APIResponse(responseCode = "404", description = "no such dead letter")
    @APIResponse(responseCode = "409", description = "already replayed, or no original topic known")
    @APIResponse(responseCode = "503", description = "the broker did not acknowledge the record")
    public DeadLetterView replay(@PathParam("id") String id, ReplayRequest request,
                                 @HeaderParam("X-Pavu-Actor") String actor) {
        long n = Params.id(id);
        String named = request != null && request.by() != null && !request.by().isBlank() ? request.by().strip()
                : actor != null && !actor.isBlank() ? actor.strip() : null;
        String principal = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String by = named == null || named.equals(principal) ? principal : principal + " for " + named; // the token decides
        if (by.length() > 200) {
            throw ApiException.badRequest("by must be at most 200 characters");
        }
        try {
            return DeadLetterView.of(replay.replay(n, by));
        } catch (DeadLetterReplay.Refused r) {
            throw switch (r.refusal()) {
                case NOT_FOUND -> ApiException.notFound(r.getMessage());
                case ALREADY_REPLAYED, NO_ORIGIN -> ApiException.conflict(r.getMessage());
                case BROKER -> ApiException.unavailable(r.getMessage());
            };
        }
    }

    /**
     * Body of a replay request.
     *
     * @param by who replays (recorded with the replay), e.g. a user name
     */
    public record ReplayRequest(String by) {
    }
}
