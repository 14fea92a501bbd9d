package dev.pavu.updater.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The append-only audit log, table {@code updater.events} (JDBC on the service's datasource, so that
 * writes join the caller's JTA transaction).
 *
 * <p>The table refuses {@code UPDATE}, {@code DELETE} and {@code TRUNCATE} with a trigger; this class
 * only ever inserts and reads. Inserts take a transaction-scoped advisory lock first, so rows get their
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
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into events(event_id, job_id, type, iteration, causation_id, occurred_at, producer, topic, "
                            + "partition, kafka_offset, record_key, payload) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) "
                            + "on conflict (event_id) do nothing returning seq")) {
                ps.setObject(1, e.eventId());
                ps.setObject(2, e.jobId());
                ps.setString(3, e.type());
                ps.setInt(4, e.iteration());
                ps.setObject(5, e.causationId());
                ps.setObject(6, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.setString(7, e.producer());
                ps.setString(8, e.topic());
                ps.setInt(9, e.partition());
                ps.setLong(10, e.offset());
                ps.setString(11, e.recordKey());
                ps.setString(12, e.payloadJson());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot append event " + e.eventId() + " (" + e.type() + ") to the audit log: "
                    + ex.getMessage(), ex);
        }
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
