package dev.pavu.updater.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Success statistics computed from the audit log: for every verified candidate (a {@code VerdictIssued} with a
 * non-empty diff and a verdict other than SKIPPED) its fix pattern, its verdict, and the failure kind of its
 * job's baseline (from {@code job_summaries}). Computed on read; cheap at the log sizes of v1.
 */
@ApplicationScoped
public class StatsRepository {

    private static final String VERIFIED = "select e.job_id, coalesce(nullif(e.payload ->> 'pattern', ''), 'unknown') as pattern, "
            + "e.payload ->> 'verdict' as verdict, coalesce(s.failure_kind, 'unknown') as failure_kind "
            + "from events e left join job_summaries s on s.job_id = e.job_id "
            + "where e.type like 'pavu.verdict.issued.v%' and coalesce(e.payload ->> 'diff', '') <> '' "
            + "and e.payload ->> 'verdict' <> 'SKIPPED'";

    private final AgroalDataSource dataSource;

    public StatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return one row per fix pattern ({@code failureKind} null), most candidates first */
    public List<PatternCount> byPattern() {
        return query("select null, pattern, count(distinct job_id), count(*), count(*) filter (where verdict = 'PASS') from ("
                + VERIFIED + ") v group by pattern order by 4 desc, pattern");
    }

    /** @return one row per baseline failure kind ({@code pattern} null), most candidates first */
    public List<PatternCount> byFailureKind() {
        return query("select failure_kind, null, count(distinct job_id), count(*), count(*) filter (where verdict = 'PASS') from ("
                + VERIFIED + ") v group by failure_kind order by 4 desc, failure_kind");
    }

    /** @return one row per (failure kind, fix pattern), ordered by failure kind then most candidates first */
    public List<PatternCount> byFailureKindAndPattern() {
        return query("select failure_kind, pattern, count(distinct job_id), count(*), count(*) filter (where verdict = 'PASS') from ("
                + VERIFIED + ") v group by failure_kind, pattern order by failure_kind, 4 desc, pattern");
    }

    private List<PatternCount> query(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<PatternCount> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new PatternCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot compute pattern statistics: " + ex.getMessage(), ex);
        }
    }
}
