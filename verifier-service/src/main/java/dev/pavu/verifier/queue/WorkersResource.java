package dev.pavu.verifier.queue;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import dev.pavu.verifier.config.VerifierConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The verifier workers, for admins: what they do ({@code GET /workers}), and pausing and resuming them
 * ({@code POST /workers/pause}, {@code POST /workers/resume}; every verifier process on the database obeys within about
 * a second). Pausing loses nothing: queued candidates wait in the queue, runs in flight finish and publish their
 * verdicts. The planner serves the same endpoints on the public API (it calls these with the service credential).
 */
@Path("/workers")
@RolesAllowed(Role.ADMIN_ROLE)
public class WorkersResource {

    private final WorkerControl control;
    private final CandidateQueue queue;
    private final VerifierConfig config;
    private final SecurityIdentity identity;
    private final Dispatcher dispatcher;

    public WorkersResource(WorkerControl control, CandidateQueue queue, VerifierConfig config, SecurityIdentity identity,
                           Dispatcher dispatcher) {
        this.control = control;
        this.queue = queue;
        this.config = config;
        this.identity = identity;
        this.dispatcher = dispatcher;
    }

    /**
     * The body of pause and resume (both fields optional).
     *
     * @param reason why, in the caller's words (at most 500 characters kept)
     * @param by     the person on whose behalf a Pavu service asks (honoured from the service credential only)
     */
    public record Change(String reason, String by) {
    }

    /**
     * What {@code GET /workers} answers.
     *
     * @param paused           whether the workers take no new candidate
     * @param changedBy        who paused or resumed them last
     * @param changedAt        when
     * @param reason           the words given then
     * @param workers          verifier processes seen in the last {@code 3 × stale-after}, with what each runs now
     * @param running          candidates being verified now (every worker)
     * @param queued           candidates waiting
     * @param queuedByPriority waiting candidates per job priority, highest first
     */
    public record Status(boolean paused, String changedBy, Instant changedAt, String reason, List<WorkerControl.Worker> workers,
                         long running, long queued, Map<Integer, Long> queuedByPriority) {
    }

    /** @return the pause state, the workers, running and queued candidates */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verifier workers: paused or not, workers and what they run, queued candidates by priority")
    public Status status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            WorkerControl.State s = control.state();
            Map<Integer, Long> waiting = queue.waitingByPriority();
            return new Status(s.paused(), s.changedBy(), s.changedAt(), s.reason(),
                    control.workers(config.staleAfter().multipliedBy(3)), control.running(config.staleAfter()),
                    waiting.values().stream().mapToLong(Long::longValue).sum(), waiting);
        });
    }

    /**
     * @param change optional reason (and, from a Pavu service, on whose behalf)
     * @return the status after pausing
     */
    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause the workers: queued candidates wait, runs in flight finish")
    public Status pause(Change change) {
        return set(true, change);
    }

    /**
     * @param change optional reason (and, from a Pavu service, on whose behalf)
     * @return the status after resuming
     */
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume the workers: they take queued candidates again")
    public Status resume(Change change) {
        Status s = set(false, change);
        dispatcher.wake();
        return s;
    }

    private Status set(boolean paused, Change change) {
        String caller = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String by = change != null && change.by() != null && !change.by().isBlank() && PavuAuth.isService(identity)
                ? clip(change.by(), 150) + " (via " + caller + ")" : caller;
        String reason = change == null || change.reason() == null || change.reason().isBlank() ? null : clip(change.reason(), 500);
        QuarkusTransaction.requiringNew().run(() -> control.set(paused, clip(by, 200), reason));
        Log.infof("verifier workers %s by %s%s", paused ? "paused" : "resumed", by, reason == null ? "" : ": " + reason);
        return status();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
