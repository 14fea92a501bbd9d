package dev.pavu.updater.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Lesson cards, table {@code updater.lesson_cards} (JDBC on the service's datasource, so that a card joins the
 * transaction that records its job's conclusion). One row per job; the vector is a plain {@code real[]} of
 * {@value LessonEmbedder#DIMENSIONS} floats, null while the card is pending ({@link LessonEmbedding} fills it after
 * the conclusion's transaction commits).
 */
@ApplicationScoped
public class LessonRepository {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public LessonRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * A card with the text its vector is (or will be) computed from.
     *
     * @param card      the card
     * @param embedded  the text to embed (the card's failure part)
     * @param embedding its vector ({@value LessonEmbedder#DIMENSIONS} floats), or {@code null} while pending
     */
    public record Stored(LessonCard card, String embedded, float[] embedding) {
    }

    /**
     * A card waiting for its vector.
     *
     * @param jobId    the card's job
     * @param embedded the text to embed
     */
    public record Pending(UUID jobId, String embedded) {
    }

    /**
     * Stores a job's card, pending (no vector yet), unless it has one.
     *
     * @param card     the card
     * @param embedded the text to embed
     * @return true when stored, false when the job had a card already (a redelivered or repeated conclusion)
     * @throws IllegalStateException on a database error
     */
    public boolean insert(LessonCard card, String embedded) {
        return write(card, embedded, "on conflict (job_id) do nothing");
    }

    /**
     * Stores a job's card in place of the one it has (or as its first). The vector is kept when the text to embed is
     * unchanged, and dropped (the card is pending again) when it changed.
     *
     * @param card     the card
     * @param embedded the text to embed
     * @return true when the card is pending after this (its text to embed changed, or it was new)
     * @throws IllegalStateException on a database error
     */
    public boolean replace(LessonCard card, String embedded) {
        write(card, embedded, "on conflict (job_id) do update set team = excluded.team, "
                + "outcome = excluded.outcome, card = excluded.card, embedded = excluded.embedded, "
                + "embedding = case when lesson_cards.embedded = excluded.embedded then lesson_cards.embedding end, "
                + "concluded_at = excluded.concluded_at");
        return find(card.jobId()).map(s -> s.embedding() == null).orElse(false);
    }

    /**
     * @param limit at most this many
     * @return cards without a vector, oldest first
     * @throws IllegalStateException on a database error
     */
    public List<Pending> pending(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select job_id, embedded from lesson_cards where embedding is null order by created_at limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pending lesson cards: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a pending card's vector, unless its text to embed changed meanwhile (a late event rewrote it: the
     * card stays pending and is embedded again).
     *
     * @param pending   the card as it was read
     * @param embedding the vector of {@code pending.embedded()}
     * @param model     the embedding model's name
     * @return true when stored
     * @throws IllegalStateException on a database error
     */
    public boolean embedded(Pending pending, float[] embedding, String model) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update lesson_cards set embedding = ?, model = ? where job_id = ? and embedded = ?")) {
            ps.setArray(1, c.createArrayOf("real", boxed(embedding)));
            ps.setString(2, model);
            ps.setObject(3, pending.jobId());
            ps.setString(4, pending.embedded());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the vector of job " + pending.jobId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param jobId a job
     * @return whether it has a card
     */
    public boolean exists(UUID jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from lesson_cards where job_id = ?")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lesson cards: " + e.getMessage(), e);
        }
    }

    private boolean write(LessonCard card, String embedded, String onConflict) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into lesson_cards (job_id, team, outcome, card, embedded, embedding, model, concluded_at) "
                        + "values (?, ?, ?, cast(? as jsonb), ?, null, ?, ?) " + onConflict)) {
            ps.setObject(1, card.jobId());
            ps.setString(2, card.team());
            ps.setString(3, card.outcome());
            ps.setString(4, json.writeValueAsString(card));
            ps.setString(5, embedded);
            ps.setString(6, LessonEmbedder.MODEL);
            ps.setObject(7, OffsetDateTime.ofInstant(card.concludedAt(), ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the lesson card of job " + card.jobId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param jobId a job
     * @return its card, text to embed and vector (null while pending), or empty when it has none
     */
    public Optional<Stored> find(UUID jobId) {
        List<Stored> found = query("select card::text, embedded, embedding from lesson_cards where job_id = ?",
                ps -> ps.setObject(1, jobId));
        return found.stream().findFirst();
    }

    /**
     * @param team a team, or {@code null} for the cards of every team
     * @return every embedded card's job id and vector (cards are not read: the caller ranks, then reads the nearest;
     *         pending cards are left out)
     */
    public Map<UUID, float[]> vectors(String team) {
        String sql = "select job_id, embedding from lesson_cards where embedding is not null"
                + (team == null ? "" : " and team = ?");
        Map<UUID, float[]> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (team != null) {
                ps.setString(1, team);
            }
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), floats(rs.getArray(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lesson vectors: " + e.getMessage(), e);
        }
    }

    /**
     * @param jobIds jobs
     * @return their cards by job id (jobs without a card are absent)
     */
    public Map<UUID, LessonCard> cards(List<UUID> jobIds) {
        Map<UUID, LessonCard> out = new HashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        for (Stored s : query("select card::text, embedded, embedding from lesson_cards where job_id = any(?)",
                (c, ps) -> ps.setArray(1, c.createArrayOf("uuid", jobIds.toArray())))) {
            out.put(s.card().jobId(), s.card());
        }
        return out;
    }

    private List<Stored> query(String sql, Binder binder) {
        return query(sql, (c, ps) -> binder.bind(ps));
    }

    private List<Stored> query(String sql, ConnectionBinder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(c, ps);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array vector = rs.getArray(3);
                    out.add(new Stored(json.readValue(rs.getString(1), LessonCard.class), rs.getString(2),
                            vector == null ? null : floats(vector)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read lesson cards: " + e.getMessage(), e);
        }
    }

    private static float[] floats(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] v = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = ((Number) values[i]).floatValue();
        }
        return v;
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface ConnectionBinder {
        void bind(Connection c, PreparedStatement ps) throws SQLException;
    }
}
