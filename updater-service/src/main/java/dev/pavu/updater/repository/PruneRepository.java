package dev.pavu.updater.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Table {@code updater.audit_prunes} and the one delete the audit log allows: a pruned range of one job's chain.
 * Writes join the caller's transaction.
 */
@ApplicationScoped
public class PruneRepository {

    private final AgroalDataSource dataSource;

    public PruneRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A recorded prune.
     *
     * @param fromJobSeq    first position removed
     * @param throughJobSeq last position removed
     * @param lastHash      hash of the event at {@code throughJobSeq} ({@code null}: it predated the chain)
     * @param eventsRemoved rows deleted
     * @param prunedBy      who pruned (the authenticated caller)
     * @param reason        why, or {@code null}
     * @param prunedAt      when
     */
    public record Prune(long fromJobSeq, long throughJobSeq, String lastHash, int eventsRemoved, String prunedBy,
                        String reason, Instant prunedAt) {
    }

    /**
     * @param jobId a job
     * @return its latest prune (the highest {@code through_job_seq}), or empty
     * @throws IllegalStateException on a database error
     */
    public Optional<Prune> latest(UUID jobId) {
        String sql = "select from_job_seq, through_job_seq, last_hash, events_removed, pruned_by, reason, pruned_at "
                + "from audit_prunes where job_id = ? order by through_job_seq desc, id desc limit 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Prune(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the prunes of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes positions {@code from..through} of a job's chain and records the prune, in the caller's transaction
     * (it takes the append lock, so that no append runs in between).
     *
     * @param jobId   the job
     * @param p       the prune to record ({@code eventsRemoved} and {@code prunedAt} are ignored: counted and set here)
     * @return rows deleted
     * @throws IllegalStateException on a database error
     */
    public int prune(UUID jobId, Prune p) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, EventRepository.APPEND_LOCK);
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("select set_config('pavu.audit_prune', ?, true)")) {
                ps.setString(1, jobId.toString());
                ps.execute();
            }
            int removed;
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from events where job_id = ? and job_seq between ? and ?")) {
                ps.setObject(1, jobId);
                ps.setLong(2, p.fromJobSeq());
                ps.setLong(3, p.throughJobSeq());
                removed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select set_config('pavu.audit_prune', '', true)")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into audit_prunes(job_id, from_job_seq, "
                    + "through_job_seq, last_hash, events_removed, pruned_by, reason) values (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, jobId);
                ps.setLong(2, p.fromJobSeq());
                ps.setLong(3, p.throughJobSeq());
                ps.setString(4, p.lastHash());
                ps.setInt(5, removed);
                ps.setString(6, p.prunedBy());
                ps.setString(7, p.reason());
                ps.executeUpdate();
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prune the audit chain of job " + jobId + ": " + e.getMessage(), e);
        }
    }
}
