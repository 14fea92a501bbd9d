package dev.pavu.updater.repository;

import dev.pavu.updater.rest.SummaryView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The periodic summary of {@code GET /stats/summary}: outcomes, success rate, time to patch, candidates per job, the
 * most frequent baseline failure kinds and winning fix patterns of the jobs submitted in a window. Computed on read
 * from {@code job_summaries} (and, for the winners' patterns, their {@code DiffProposed} events).
 */
@ApplicationScoped
public class SummaryRepository {

    private static final int TOP = 10;
    private static final String FIGURES = "select count(*), "
            + "count(*) filter (where outcome = 'SUCCEEDED'), count(*) filter (where outcome = 'EXHAUSTED'), "
            + "count(*) filter (where outcome = 'FAILED'), count(*) filter (where outcome = 'CANCELLED'), "
            + "count(*) filter (where outcome is null), "
            + "percentile_cont(0.5) within group (order by duration_ms) filter (where outcome = 'SUCCEEDED'), "
            + "avg(duration_ms) filter (where outcome = 'SUCCEEDED'), "
            + "percentile_cont(0.9) within group (order by duration_ms) filter (where outcome = 'SUCCEEDED'), "
            + "percentile_cont(0.5) within group (order by candidates_tried) filter (where outcome is not null), "
            + "avg(candidates_tried) filter (where outcome is not null), "
            + "percentile_cont(0.9) within group (order by candidates_tried) filter (where outcome is not null) "
            + "from job_summaries where submitted_at >= ?";
    private static final String FAILURE_KINDS = "select coalesce(failure_kind, 'unknown'), count(*), "
            + "count(*) filter (where outcome = 'SUCCEEDED') from job_summaries "
            + "where submitted_at >= ? and outcome is not null group by 1 order by 2 desc, 1 limit " + TOP;
    private static final String PATTERNS = "select coalesce(nullif(e.payload ->> 'pattern', ''), 'unknown'), count(distinct s.job_id), "
            + "count(distinct s.job_id) from job_summaries s join events e on e.job_id = s.job_id "
            + "and e.type like 'pavu.diff.proposed.v%' and e.payload ->> 'candidateId' = s.winning_candidate_id::text "
            + "where s.submitted_at >= ? and s.outcome = 'SUCCEEDED' group by 1 order by 2 desc, 1 limit " + TOP;

    private final AgroalDataSource dataSource;

    public SummaryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param since start of the window
     * @return the summary of the jobs submitted at or after {@code since}
     * @throws IllegalStateException when the database cannot be read
     */
    public SummaryView summary(Instant since) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            long jobs;
            SummaryView.Figures time;
            SummaryView.Figures candidates;
            try (PreparedStatement ps = c.prepareStatement(FIGURES)) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    jobs = rs.getLong(1);
                    String[] outcomes = {"SUCCEEDED", "EXHAUSTED", "FAILED", "CANCELLED", "RUNNING"};
                    for (int i = 0; i < outcomes.length; i++) {
                        byOutcome.put(outcomes[i], rs.getLong(2 + i));
                    }
                    time = new SummaryView.Figures(number(rs, 7), number(rs, 8), number(rs, 9));
                    candidates = new SummaryView.Figures(number(rs, 10), number(rs, 11), number(rs, 12));
                }
            }
            long concluded = jobs - byOutcome.get("RUNNING");
            Double rate = concluded == 0 ? null : (double) byOutcome.get("SUCCEEDED") / concluded;
            return new SummaryView(since, Instant.now(), jobs, byOutcome, rate, time, candidates,
                    counts(c, FAILURE_KINDS, since), counts(c, PATTERNS, since));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute the summary: " + e.getMessage(), e);
        }
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static List<SummaryView.Count> counts(Connection c, String sql, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                List<SummaryView.Count> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SummaryView.Count(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
                return out;
            }
        }
    }
}
