package dev.pavu.verifier.replay;

import dev.pavu.verifier.config.LogFiles;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventFormatException;
import dev.pavu.contracts.EventTypes;
import dev.pavu.kit.auth.Role;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.BaselineTests;
import dev.pavu.verifier.repository.BaselineTestRepository;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * Verifies a recorded candidate again, for a replay ({@code POST /replays}, the service credential only: the planner
 * serves it to users as {@code POST /jobs/{id}/replay}, where it checks the job's team). The body is the candidate's
 * {@code pavu.diff.proposed.v1} event as the audit log holds it; it is verified as the workers verify a candidate
 * (the same sandbox, gates, paths and baseline comparison) under a new candidate id, so the original's log and
 * workspace are not touched, and nothing is published or stored: the answer is the verdict and the log (its file is
 * deleted). One replay at a time per verifier process; another answers 429.
 */
@Path("/replays")
@RolesAllowed(Role.SERVICE_ROLE)
public class ReplayResource {

    private final CandidateVerifier verifier;
    private final BaselineTestRepository baselines;
    private final java.nio.file.Path logs;
    private final Semaphore oneAtATime = new Semaphore(1);

    public ReplayResource(CandidateVerifier verifier, BaselineTestRepository baselines, VerifierConfig config) {
        this.verifier = verifier;
        this.baselines = baselines;
        this.logs = LogFiles.dir(config);
    }

    /**
     * @param event the recorded candidate: a {@code pavu.diff.proposed.v1} event in the contracts' JSON form
     * @return the new verdict ({@link ReplayVerdict})
     * @throws WebApplicationException 400 when the body is not such an event, 429 when a replay is running here
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a recorded candidate again (its diff on its source, in the sandbox); nothing is published")
    @APIResponse(responseCode = "400", description = "the body is not a pavu.diff.proposed.v1 event")
    @APIResponse(responseCode = "429", description = "a replay is running on this verifier")
    public ReplayVerdict replay(String event) {
        DiffProposed recorded = parse(event);
        if (!oneAtATime.tryAcquire()) {
            throw problem(429, "Too Many Requests", "a replay is running on this verifier; try again when it is done");
        }
        try {
            UUID candidateId = UUID.randomUUID();
            Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, recorded.envelope().jobId(), recorded.envelope().iteration(),
                    recorded.envelope().eventId(), "verifier-service");
            DiffProposed again = new DiffProposed(env, candidateId, recorded.planId(), recorded.source(), recorded.diff(),
                    recorded.proposer(), recorded.pattern(), recorded.description(), recorded.priority(),
                    recorded.candidateIndex(), recorded.verify());
            Optional<BaselineTests.Baseline> baseline = CandidateVerifier.isBaseline(again) ? Optional.empty()
                    : QuarkusTransaction.requiringNew().call(() -> baselines.find(again.source(), again.verify().testCommand()));
            Log.infof("replaying candidate %s of job %s as %s", recorded.candidateId(), recorded.envelope().jobId(), candidateId);
            CandidateVerifier.Result r = verifier.verify(again, RunWatch.NONE, baseline);
            // the answer carries the log; no run row points at the file, so retention would never remove it
            deleteLog(candidateId);
            return ReplayVerdict.of(recorded.candidateId(), candidateId, r, baseline.isPresent());
        } finally {
            oneAtATime.release();
        }
    }

    private void deleteLog(UUID candidateId) {
        try {
            java.nio.file.Files.deleteIfExists(LogFiles.candidate(logs, candidateId));
        } catch (java.io.IOException e) {
            Log.warnf("cannot delete the replay log %s: %s", candidateId, e.getMessage());
        }
    }

    private static DiffProposed parse(String json) {
        if (json == null || json.isBlank()) {
            throw problem(400, "Bad Request", "the body must be the candidate's pavu.diff.proposed.v1 event (JSON); it was empty");
        }
        try {
            return EventCodec.read(json, DiffProposed.class);
        } catch (EventFormatException | IllegalArgumentException e) {
            throw problem(400, "Bad Request", "the body must be the candidate's pavu.diff.proposed.v1 event (JSON): " + e.getMessage());
        }
    }

    private static WebApplicationException problem(int status, String title, String detail) {
        return new WebApplicationException(Response.status(status).type("application/problem+json")
                .entity(Map.of("status", status, "title", title, "detail", detail)).build());
    }
}
