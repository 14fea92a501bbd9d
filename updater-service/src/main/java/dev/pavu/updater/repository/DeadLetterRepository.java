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
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Table {@code updater.dead_letters} (JDBC on the service's datasource, so writes join the caller's JTA transaction).
 * A dead letter is stored once per dead-letter topic/partition/offset; only its replay mark ever changes.
 */
@ApplicationScoped
public class DeadLetterRepository {

    private static final String COLUMNS = "id, dlq_topic, dlq_partition, dlq_offset, original_topic, original_partition, "
            + "original_offset, service, consumer_group, channel, exception_class, reason, cause_class, cause, attempts, "
            + "event_id, event_type, job_id, record_key, value, headers::text, dead_lettered_at, received_at, "
            + "replayed_at, replayed_by";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;

    public DeadLetterRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param d            the dead letter ({@code id}, {@code receivedAt} and the replay fields are ignored)
     * @param dlqTimestamp the dead-letter record's own Kafka timestamp, milliseconds since the epoch (-1: none)
     * @return the new row's id, or empty when this record (topic, partition, offset and timestamp) is stored already
     *         (a redelivery)
     * @throws IllegalStateException on a database error
     */
    public OptionalLong insert(DeadLetter d, long dlqTimestamp) {
        String sql = "insert into dead_letters(dlq_topic, dlq_partition, dlq_offset, original_topic, original_partition, "
                + "original_offset, service, consumer_group, channel, exception_class, reason, cause_class, cause, attempts, "
                + "event_id, event_type, job_id, record_key, value, headers, dead_lettered_at, dlq_timestamp) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) "
                + "on conflict (dlq_topic, dlq_partition, dlq_offset, dlq_timestamp) do nothing returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.dlqTopic());
            ps.setInt(2, d.dlqPartition());
            ps.setLong(3, d.dlqOffset());
            ps.setString(4, d.originalTopic());
            ps.setObject(5, d.originalPartition(), Types.INTEGER);
            ps.setObject(6, d.originalOffset(), Types.BIGINT);
            ps.setString(7, d.service());
            ps.setString(8, d.consumerGroup());
            ps.setString(9, d.channel());
            ps.setString(10, d.exceptionClass());
            ps.setString(11, d.reason());
            ps.setString(12, d.causeClass());
            ps.setString(13, d.cause());
            ps.setObject(14, d.attempts(), Types.INTEGER);
            ps.setObject(15, d.eventId());
            ps.setString(16, d.eventType());
            ps.setObject(17, d.jobId());
            ps.setString(18, d.recordKey());
            ps.setString(19, d.value());
            ps.setString(20, JSON.writeValueAsString(d.headers()));
            ps.setObject(21, d.deadLetteredAt() == null ? null : OffsetDateTime.ofInstant(d.deadLetteredAt(), ZoneOffset.UTC));
            ps.setLong(22, Math.max(-1, dlqTimestamp));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the dead letter " + d.dlqTopic() + "-" + d.dlqPartition() + "@"
                    + d.dlqOffset() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param id a dead letter's id
     * @return it, or empty
     */
    public Optional<DeadLetter> find(long id) {
        return query("select " + COLUMNS + " from dead_letters where id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    /**
     * Locks a dead letter's row for the rest of the caller's transaction (two replays of it run one after the other).
     *
     * @param id a dead letter's id
     * @return it, or empty
     */
    public Optional<DeadLetter> lock(long id) {
        return query("select " + COLUMNS + " from dead_letters where id = ? for update", ps -> ps.setLong(1, id))
                .stream().findFirst();
    }

    /**
     * @param jobId    only this job's, or {@code null}
     * @param consumer only those of this service or consumer group, or {@code null}
     * @param after    only ids greater than this
     * @param limit    at most this many
     * @return dead letters by id
     */
    public List<DeadLetter> list(UUID jobId, String consumer, long after, int limit) {
        return query("select " + COLUMNS + " from dead_letters where (cast(? as uuid) is null or job_id = cast(? as uuid)) "
                + "and (cast(? as text) is null or service = ? or consumer_group = ?) and id > ? order by id limit ?", ps -> {
            ps.setObject(1, jobId);
            ps.setObject(2, jobId);
            ps.setString(3, consumer);
            ps.setString(4, consumer);
            ps.setString(5, consumer);
            ps.setLong(6, after);
            ps.setInt(7, limit);
        });
    }

    /**
     * Records a replay (in the caller's transaction, after {@link #lock}).
     *
     * @param id the dead letter
     * @param by who replayed it
     * @return true when it was marked now, false when it had been replayed before
     */
    public boolean markReplayed(long id, String by) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update dead_letters set replayed_at = now(), replayed_by = ? where id = ? and replayed_at is null")) {
            ps.setString(1, by);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark dead letter " + id + " replayed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes back a replay mark (the re-publish failed).
     *
     * @param id the dead letter
     */
    public void unmarkReplayed(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update dead_letters set replayed_at = null, replayed_by = null where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot unmark dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    private List<DeadLetter> query(String sql, EventRepository.Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                            (Integer) rs.getObject(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                            (Integer) rs.getObject(15), rs.getObject(16, UUID.class), rs.getString(17),
                            rs.getObject(18, UUID.class), rs.getString(19), rs.getString(20), headers(rs.getString(21)),
                            instant(rs, 22), instant(rs, 23), instant(rs, 24), rs.getString(25)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read dead letters: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Map<String, String> headers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
