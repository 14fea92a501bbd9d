package dev.pavu.planner.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.contracts.EventTypes;
import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.client.VerifierReplayClient;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.rest.ProblemException;
import dev.pavu.planner.service.EventLogService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Replays a concluded job's final patch: the winning candidate's {@code pavu.diff.proposed.v1} event, read from the
 * audit log (the same source, diff and verification settings), is verified again by the verifier in the sandbox
 * ({@code POST /replays}), and the new verdict is compared with the recorded one ({@link ReplayReport}). The job's
 * stored patch must be the recorded diff. Nothing of the job changes and no event is published.
 */
@ApplicationScoped
public class JobReplay {

    private final EventLogService events;
    private final VerifierReplayClient verifier;

    public JobReplay(EventLogService events, @RestClient VerifierReplayClient verifier) {
        this.events = events;
        this.verifier = verifier;
    }

    /**
     * @param job a job the caller may see
     * @return the comparison
     * @throws ProblemException 409 when the job has no verified patch (not concluded, or concluded without one) or
     *                          the audit log no longer holds its winning candidate; 429 when the verifier is running
     *                          another replay; 503 when the audit log or the verifier cannot be reached
     */
    public ReplayReport verifyOnly(JobEntity job) {
        if (job.state != JobState.CONCLUDED || job.patch == null || job.patch.isBlank() || job.winningCandidateId == null) {
            throw ProblemException.conflict("job " + job.id + " has no verified patch to replay: "
                    + (job.state == JobState.CONCLUDED ? "it concluded " + job.outcome + ": " + job.reason
                    : "it is " + job.state + "; replay it once it has concluded"));
        }
        UUID winner = job.winningCandidateId;
        List<AuditEvent> history;
        try {
            history = events.history(job.id);
        } catch (EventLogService.UnavailableException e) {
            throw ProblemException.unavailable(e.getMessage());
        }
        JsonNode diff = payload(history, EventTypes.DIFF_PROPOSED, winner).orElseThrow(() -> missing(job.id, winner, "pavu.diff.proposed.v1"));
        JsonNode verdict = payload(history, EventTypes.VERDICT_ISSUED, winner).orElseThrow(() -> missing(job.id, winner, "pavu.verdict.issued.v1"));
        if (!diff.path("diff").asText().equals(job.patch)) {
            throw ProblemException.conflict("job " + job.id + ": its stored patch is not the diff its audit log records for candidate "
                    + winner + " (check GET /audit/jobs/" + job.id + "/verify)");
        }
        JsonNode again = callVerifier(diff);
        ReplayReport.Facts recorded = ReplayReport.Facts.of(verdict);
        ReplayReport.Facts replayed = ReplayReport.Facts.of(again);
        List<String> differences = new ArrayList<>(ReplayReport.differences(recorded, replayed));
        boolean identical = differences.isEmpty();
        Log.infof("job %s: its final patch (candidate %s) replayed: %s", job.id, winner, identical ? "identical" : String.join("; ", differences));
        return new ReplayReport(job.id, winner, uuid(again.path("replayId").asText()), identical, List.copyOf(differences), recorded,
                replayed, sha256(job.patch), again.path("reason").asText(), again.path("durationMs").asLong(),
                identical ? null : again.path("log").asText(null));
    }

    private JsonNode callVerifier(JsonNode diffProposed) {
        try {
            return verifier.replay(diffProposed.toString());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 429) {
                throw ProblemException.tooManyRequests("the verifier is running another replay; try again when it is done", 10);
            }
            throw ProblemException.unavailable("the verifier answered " + status + " to the replay");
        } catch (ProcessingException e) {
            throw ProblemException.unavailable("the verifier cannot be reached: " + e.getMessage());
        }
    }

    /** The payload of the job's event of {@code type} about {@code candidateId} (its first, in the log's order). */
    private static Optional<JsonNode> payload(List<AuditEvent> history, String type, UUID candidateId) {
        return history.stream().filter(e -> type.equals(e.type()) && e.payload() != null
                        && candidateId.toString().equals(e.payload().path("candidateId").asText()))
                .map(AuditEvent::payload).findFirst();
    }

    private static ProblemException missing(UUID job, UUID candidate, String type) {
        return ProblemException.conflict("job " + job + ": the audit log holds no " + type + " of its winning candidate "
                + candidate + " (expired by the retention policy?); it cannot be replayed");
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
