package dev.pavu.updater.repository;

import dev.pavu.updater.chain.EventHash;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The append-only audit log, table {@code updater.events} (JDBC on the service's datasource, so that
 * writes join the caller's JTA transaction).
 *
 * <p>The table refuses {@code UPDATE}, {@code DELETE} and {@code TRUNCATE} with a trigger; this class
 * only ever inserts and reads. Each append links the event into its job's hash chain ({@link EventHash}: job
 * position, previous hash, own hash) and moves the job's chain head, in the same transaction. Inserts take a transaction-scoped advisory lock first, so rows get their
 * {@code seq} in commit order: a reader that pages with {@code after=<last seq seen>} never skips a row
 * that commits later with a smaller {@code seq}.
 */
@ApplicationScoped
public class EventRepository {

    /** Advisory-lock key that serialises appends ("pavu" in ASCII). */
    static final long APPEND_LOCK = 0x70617675L;

    private static final String COLUMNS = "seq, event_id, job_id, type, iteration, causation_id, occurred_at, producer, "
            + "topic, partition, kafka_offset, record_key, payload::text, received_at";

    private final AgroalDataSource dataSource;

    public EventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends one event. Must run inside a transaction (the lock and the row commit together).
     *
     * @param e the event to store; {@code e.seq()} and {@code e.receivedAt()} are ignored (assigned here)
     * @return the new row's {@code seq}, or empty when an event with this id is already in the log
     * @throws IllegalStateException on a database error (the message names the event)
     */
    public OptionalLong append(StoredEvent e) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            // under the lock no other append runs: the job's chain cannot fork. The payload and time are hashed as
            // the database stores them (jsonb text, microseconds), so that a verifier reading them back agrees.
            long jobSeq;
            String prevHash;
            String payload;
            Instant occurredAt;
            try (PreparedStatement ps = c.prepareStatement("select (select job_seq from event_chain_heads where job_id = ?), "
                    + "(select hash from event_chain_heads where job_id = ?), "
                    + "(select coalesce(max(job_seq), 0) from events where job_id = ?), "
                    + "cast(? as jsonb)::text, cast(? as timestamptz), "
                    + "exists(select 1 from events where event_id = ?)")) {
                ps.setObject(1, e.jobId());
                ps.setObject(2, e.jobId());
                ps.setObject(3, e.jobId());
                ps.setString(4, e.payloadJson());
                ps.setObject(5, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.setObject(6, e.eventId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(6)) {
                        return OptionalLong.empty();
                    }
                    // next position: after the head, and after any row appended from outside past it (so that
                    // verification, not this append, is what trips over such a row)
                    jobSeq = Math.max(rs.getLong(1), rs.getLong(3)) + 1;
                    prevHash = rs.getString(2);
                    payload = rs.getString(4);
                    occurredAt = rs.getObject(5, OffsetDateTime.class).toInstant();
                }
            }
            String hash = EventHash.of(new EventHash.Content(jobSeq, prevHash, e.eventId(), e.jobId(), e.type(),
                    e.iteration(), e.causationId(), occurredAt, e.producer(), e.topic(), e.partition(), e.offset(),
                    e.recordKey(), payload));
            long seq;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into events(event_id, job_id, type, iteration, causation_id, occurred_at, producer, topic, "
                            + "partition, kafka_offset, record_key, payload, job_seq, prev_hash, hash) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?) "
                            + "on conflict (event_id) do nothing returning seq")) {
                ps.setObject(1, e.eventId());
                ps.setObject(2, e.jobId());
                ps.setString(3, e.type());
                ps.setInt(4, e.iteration());
                ps.setObject(5, e.causationId());
                ps.setObject(6, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
                ps.setString(7, e.producer());
                ps.setString(8, e.topic());
                ps.setInt(9, e.partition());
                ps.setLong(10, e.offset());
                ps.setString(11, e.recordKey());
                ps.setString(12, payload);
                ps.setLong(13, jobSeq);
                ps.setString(14, prevHash);
                ps.setString(15, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return OptionalLong.empty();
                    }
                    seq = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into event_chain_heads(job_id, job_seq, hash) "
                    + "values (?, ?, ?) on conflict (job_id) do update set job_seq = excluded.job_seq, "
                    + "hash = excluded.hash, updated_at = now()")) {
                ps.setObject(1, e.jobId());
                ps.setLong(2, jobSeq);
                ps.setString(3, hash);
                ps.executeUpdate();
            }
            return OptionalLong.of(seq);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot append event " + e.eventId() + " (" + e.type() + ") to the audit log: "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * A job's whole chain as stored, for verification: every row of the job ordered by {@code job_seq} (then
     * {@code seq}), with what the hash covers.
     *
     * @param jobId job id
     * @return the rows; empty for an unknown job
     * @throws IllegalStateException on a database error
     */
    public List<ChainRow> chain(UUID jobId) {
        String sql = "select seq, job_seq, prev_hash, hash, event_id, job_id, type, iteration, causation_id, occurred_at, "
                + "producer, topic, partition, kafka_offset, record_key, payload::text from events where job_id = ? "
                + "order by job_seq, seq";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            List<ChainRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(10, OffsetDateTime.class);
                    out.add(new ChainRow(rs.getLong(1), rs.getString(4), new EventHash.Content(rs.getLong(2),
                            rs.getString(3), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getString(7),
                            rs.getInt(8), rs.getObject(9, UUID.class), at == null ? null : at.toInstant(),
                            rs.getString(11), rs.getString(12), rs.getInt(13), rs.getLong(14), rs.getString(15),
                            rs.getString(16))));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the audit chain of job " + jobId + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param jobId job id
     * @return the job's chain head (last {@code job_seq} appended and its hash), or empty when none was recorded
     * @throws IllegalStateException on a database error
     */
    public Optional<ChainHead> head(UUID jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select job_seq, hash, legacy_through from event_chain_heads where job_id = ?")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ChainHead(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                        : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the chain head of job " + jobId + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * One stored row of a job's chain.
     *
     * @param seq     global log position
     * @param hash    stored hash, or {@code null} (a row from before the chain, or one written by hand)
     * @param content what the hash covers, as stored
     */
    public record ChainRow(long seq, String hash, EventHash.Content content) {
    }

    /**
     * The last link appended to a job's chain.
     *
     * @param jobSeq        its position
     * @param hash          its hash ({@code null} for a job whose rows all predate the chain)
     * @param legacyThrough positions 1..legacyThrough were stored before the chain existed (0: none)
     */
    public record ChainHead(long jobSeq, String hash, long legacyThrough) {
    }

    /**
     * Events of one job, in log order.
     *
     * @param jobId job id
     * @param after only rows with {@code seq > after} (0 = from the start)
     * @param limit at most this many rows (≥ 1)
     * @return the rows, ordered by {@code seq}; empty for an unknown job
     */
    public List<StoredEvent> forJob(UUID jobId, long after, int limit) {
        return query("select " + COLUMNS + " from events where job_id = ? and seq > ? order by seq limit ?",
                ps -> {
                    ps.setObject(1, jobId);
                    ps.setLong(2, after);
                    ps.setInt(3, limit);
                });
    }

    /**
     * Events of all jobs, in log order.
     *
     * @param type  {@code null} for every type; a versioned type ({@code pavu.verdict.issued.v1}) for exactly
     *              that type; a type without version ({@code pavu.verdict.issued}) for any of its versions
     * @param after only rows with {@code seq > after}
     * @param limit at most this many rows (≥ 1)
     * @return the rows, ordered by {@code seq}
     */
    public List<StoredEvent> all(String type, long after, int limit) {
        if (type == null) {
            return query("select " + COLUMNS + " from events where seq > ? order by seq limit ?", ps -> {
                ps.setLong(1, after);
                ps.setInt(2, limit);
            });
        }
        return query("select " + COLUMNS + " from events where (type = ? or type like ?) and seq > ? order by seq limit ?",
                ps -> {
                    ps.setString(1, type);
                    ps.setString(2, type.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".v%");
                    ps.setLong(3, after);
                    ps.setInt(4, limit);
                });
    }

    private List<StoredEvent> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getInt(5), rs.getObject(6, UUID.class),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getString(9),
                            rs.getInt(10), rs.getLong(11), rs.getString(12), rs.getString(13),
                            rs.getObject(14, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the audit log: " + ex.getMessage(), ex);
        }
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
