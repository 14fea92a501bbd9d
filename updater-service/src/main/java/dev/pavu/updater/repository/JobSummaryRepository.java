package dev.pavu.updater.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Table {@code updater.job_summaries}: one row per job, changed only by atomic upserts so that the four
 * channel consumers may update the same job concurrently and in any order.
 *
 * <p>A job's {@code state} only moves forward: SUBMITTED → RUNNING → CANCELLING → CONCLUDED; an event that
 * arrives late (e.g. {@code JobSubmitted} after a plan, they travel on different topics) never moves it back.
 */
@ApplicationScoped
public class JobSummaryRepository {

    /** Job states in the order they may follow each other. */
    public enum State { SUBMITTED, RUNNING, CANCELLING, CONCLUDED }

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public JobSummaryRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Counts one event of a job: creates the row if needed, advances the state, the highest iteration,
     * the event count and the time of the latest event.
     *
     * @param jobId      job id
     * @param state      the state this event implies (never moves the row's state backwards)
     * @param iteration  the event's iteration
     * @param occurredAt the event's time
     */
    public void touch(UUID jobId, State state, int iteration, Instant occurredAt) {
        update("insert into job_summaries as s (job_id, state, iterations, events, last_event_at, updated_at) "
                        + "values (?, ?, ?, 1, ?, now()) on conflict (job_id) do update set "
                        + "state = case when " + rank("excluded.state") + " > " + rank("s.state")
                        + " then excluded.state else s.state end, "
                        + "iterations = greatest(s.iterations, excluded.iterations), events = s.events + 1, "
                        + "last_event_at = greatest(s.last_event_at, excluded.last_event_at), updated_at = now()",
                jobId, state.name(), iteration, utc(occurredAt));
    }

    /**
     * Records the submission. The row must exist ({@link #touch} first).
     *
     * @param jobId       job id
     * @param submittedAt time of {@code JobSubmitted}
     * @param task        task text
     * @param sourceKind  {@code git} or {@code bundle}
     * @param sourceUrl   git URL or {@code null}
     */
    public void submitted(UUID jobId, Instant submittedAt, String task, String sourceKind, String sourceUrl) {
        update("update job_summaries set submitted_at = ?, task = ?, source_kind = ?, source_url = ? where job_id = ?",
                utc(submittedAt), task, sourceKind, sourceUrl, jobId);
    }

    /** @param jobId job whose plan count grows by one (row must exist) */
    public void planProposed(UUID jobId) {
        update("update job_summaries set plans = plans + 1 where job_id = ?", jobId);
    }

    /** @param jobId job whose count of non-empty candidates grows by one (row must exist) */
    public void candidateProposed(UUID jobId) {
        update("update job_summaries set candidates = candidates + 1 where job_id = ?", jobId);
    }

    /**
     * Records the baseline verdict (the empty patch's).
     *
     * @param jobId       job id (row must exist)
     * @param verdict     its verdict
     * @param failureKind class of the failure (see {@code FailureKinds})
     */
    public void baselineVerdict(UUID jobId, String verdict, String failureKind) {
        update("update job_summaries set baseline_verdict = ?, failure_kind = ? where job_id = ?",
                verdict, failureKind, jobId);
    }

    /**
     * Counts the verdict of one non-empty candidate.
     *
     * @param jobId   job id (row must exist)
     * @param verdict verdict name, e.g. {@code PASS}
     */
    public void candidateVerdict(UUID jobId, String verdict) {
        update("update job_summaries set verdicts = jsonb_set(verdicts, array[?]::text[], "
                        + "to_jsonb(coalesce((verdicts ->> ?)::int, 0) + 1)) where job_id = ?",
                verdict, verdict, jobId);
    }

    /**
     * Records a cancellation request's reason unless the job has already concluded.
     *
     * @param jobId  job id (row must exist)
     * @param reason why it was cancelled
     */
    public void cancelled(UUID jobId, String reason) {
        update("update job_summaries set reason = ? where job_id = ? and outcome is null", reason, jobId);
    }

    /**
     * Records the conclusion.
     *
     * @param jobId              job id (row must exist)
     * @param outcome            outcome name
     * @param reason             reason sentence
     * @param patch              the patch, or {@code null}
     * @param winningCandidateId winning candidate, or {@code null}
     * @param candidatesTried    candidates verified
     * @param durationMs         job duration, milliseconds
     * @param concludedAt        time of the conclusion
     */
    public void concluded(UUID jobId, String outcome, String reason, String patch, UUID winningCandidateId,
                          int candidatesTried, long durationMs, Instant concludedAt) {
        update("update job_summaries set outcome = ?, reason = ?, patch = ?, winning_candidate_id = ?, "
                        + "candidates_tried = ?, duration_ms = ?, concluded_at = ? where job_id = ?",
                outcome, reason, patch, winningCandidateId, candidatesTried, durationMs, utc(concludedAt), jobId);
    }

    /**
     * @param jobId job id
     * @return the job's summary, or empty when the audit log has no event of it
     */
    public Optional<JobSummary> find(UUID jobId) {
        String sql = "select job_id, state, outcome, reason, task, source_kind, source_url, baseline_verdict, failure_kind, "
                + "plans, candidates, verdicts::text, iterations, candidates_tried, winning_candidate_id, patch, duration_ms, "
                + "events, submitted_at, concluded_at, last_event_at from job_summaries where job_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new JobSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10), rs.getInt(11), counts(rs.getString(12)), rs.getInt(13),
                        rs.getObject(14, Integer.class), rs.getObject(15, UUID.class), rs.getString(16),
                        rs.getObject(17, Long.class), rs.getInt(18), instant(rs, 19), instant(rs, 20), instant(rs, 21)));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the summary of job " + jobId + ": " + ex.getMessage(), ex);
        }
    }

    private Map<String, Integer> counts(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable verdict counts " + json, e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static String rank(String column) {
        StringBuilder sb = new StringBuilder("(case ").append(column);
        for (State s : State.values()) {
            sb.append(" when '").append(s.name()).append("' then ").append(s.ordinal());
        }
        return sb.append(" else 0 end)").toString();
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot update job summary: " + ex.getMessage(), ex);
        }
    }
}
