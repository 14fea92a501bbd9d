package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Built;
import dev.pavu.updater.graph.GraphModel.Edge;
import dev.pavu.updater.graph.GraphModel.Stats;
import dev.pavu.updater.graph.GraphModel.Symbol;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes code graphs: tables {@code code_graphs}, {@code code_symbols}, {@code code_edges} (Flyway V7), JDBC on the
 * service's datasource so that a request joins the transaction that records its plan. Every method runs in the
 * caller's transaction, or autocommits without one.
 */
@ApplicationScoped
public class GraphStore {

    /** Rows per JDBC batch. */
    static final int BATCH = 500;

    private final AgroalDataSource dataSource;

    public GraphStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A graph claimed for building.
     *
     * @param id        the graph's row id
     * @param team      its team
     * @param commit    the commit
     * @param bundleSha the bundle holding it
     * @param attempts  builds tried so far, this one included
     */
    public record Claim(long id, String team, String commit, String bundleSha, int attempts) {
    }

    /**
     * Asks for the graph of a commit, once per (team, commit): a second job on the same commit, or a redelivered plan,
     * asks for nothing.
     *
     * @param team      the job's team
     * @param commit    the resolved commit
     * @param bundleSha the bundle holding it
     * @param jobId     the job asking
     * @return the new graph's id, or empty when the team has (or had) a graph of that commit
     * @throws IllegalStateException on a database error
     */
    public Optional<Long> request(String team, String commit, String bundleSha, UUID jobId) {
        return update("insert into code_graphs (team, commit_sha, bundle_sha, job_id, status) values (?, ?, ?, ?, 'QUEUED') "
                + "on conflict (team, commit_sha) do nothing returning id", ps -> {
            ps.setString(1, team);
            ps.setString(2, commit.toLowerCase(Locale.ROOT));
            ps.setString(3, bundleSha.toLowerCase(Locale.ROOT));
            ps.setObject(4, jobId);
        });
    }

    /**
     * @param stale       a build started longer ago than this is taken as lost
     * @param maxAttempts graphs tried this often are not due any more
     * @param limit       at most this many
     * @return graphs waiting for a build (queued, or lost mid-build), oldest first
     */
    public List<Long> due(Duration stale, int maxAttempts, int limit) {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id from code_graphs where attempts < ? and (status = 'QUEUED' or (status = 'BUILDING' "
                        + "and started_at < now() - make_interval(secs => ?))) order by requested_at limit ?")) {
            ps.setInt(1, maxAttempts);
            ps.setDouble(2, stale.toMillis() / 1000.0);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read due code graphs: " + e.getMessage(), e);
        }
    }

    /**
     * Marks a due graph BUILDING, unless another worker (or replica) claimed it first.
     *
     * @param id          the graph
     * @param stale       a build started longer ago than this may be claimed again
     * @param maxAttempts a graph tried this often is not claimed
     * @return the claim, or empty when it is not due (built, building elsewhere, or given up)
     */
    public Optional<Claim> claim(long id, Duration stale, int maxAttempts) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update code_graphs set status = 'BUILDING', started_at = now(), attempts = attempts + 1, reason = null "
                        + "where id = ? and attempts < ? and (status = 'QUEUED' or (status = 'BUILDING' "
                        + "and started_at < now() - make_interval(secs => ?))) "
                        + "returning id, team, commit_sha, bundle_sha, attempts")) {
            ps.setLong(1, id);
            ps.setInt(2, maxAttempts);
            ps.setDouble(3, stale.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).strip(), rs.getInt(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim code graph " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a built graph and marks it READY. Run it in one transaction: symbols, edges and status commit together.
     *
     * @param id      the graph
     * @param built   what was built
     * @param buildMs how long building took, milliseconds
     * @throws IllegalStateException on a database error
     */
    public void store(long id, Built built, long buildMs) {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("code_edges", "code_symbols")) { // a lost build's partial rows, if any
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where graph_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into code_symbols (graph_id, id, kind, qualified_name, "
                    + "simple_name, signature, owner, file, line, is_test, is_test_method, search) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?))")) {
                int n = 0;
                for (Symbol s : built.symbols()) {
                    ps.setLong(1, id);
                    ps.setInt(2, s.id());
                    ps.setString(3, s.kind().name());
                    ps.setString(4, s.qualifiedName());
                    ps.setString(5, s.simpleName());
                    ps.setString(6, s.signature());
                    ps.setString(7, s.owner());
                    ps.setString(8, s.file());
                    ps.setInt(9, s.line());
                    ps.setBoolean(10, s.test());
                    ps.setBoolean(11, s.testMethod());
                    ps.setString(12, searchText(s));
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into code_edges (graph_id, kind, from_id, to_id, line) values (?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Edge e : built.edges()) {
                    ps.setLong(1, id);
                    ps.setString(2, e.kind().name());
                    ps.setInt(3, e.from());
                    ps.setInt(4, e.to());
                    ps.setInt(5, e.line());
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            Stats s = built.stats();
            try (PreparedStatement ps = c.prepareStatement("update code_graphs set status = 'READY', reason = ?, "
                    + "files_parsed = ?, files_skipped = ?, files_failed = ?, links_skipped = ?, calls_resolved = ?, "
                    + "calls_external = ?, calls_unresolved = ?, symbol_count = ?, edge_count = ?, build_ms = ?, "
                    + "finished_at = now() where id = ?")) {
                ps.setString(1, s.truncated() == null ? null : "partial: " + s.truncated());
                ps.setInt(2, s.filesParsed());
                ps.setInt(3, s.filesSkipped());
                ps.setInt(4, s.filesFailed());
                ps.setInt(5, s.linksSkipped());
                ps.setInt(6, s.callsResolved());
                ps.setInt(7, s.callsExternal());
                ps.setInt(8, s.callsUnresolved());
                ps.setInt(9, built.symbols().size());
                ps.setInt(10, built.edges().size());
                ps.setLong(11, buildMs);
                ps.setLong(12, id);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store code graph " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a failed build.
     *
     * @param id     the graph
     * @param reason why, for people (stored, shown by {@code GET /graph/{sha}})
     * @param retry  whether a later sweep should try again (a transient failure, attempts left); else FAILED for good
     */
    public void failed(long id, String reason, boolean retry) {
        update("update code_graphs set status = ?, reason = ?, finished_at = now() where id = ? returning id", ps -> {
            ps.setString(1, retry ? "QUEUED" : "FAILED");
            ps.setString(2, reason.length() > 2000 ? reason.substring(0, 2000) + "…" : reason);
            ps.setLong(3, id);
        });
    }

    /**
     * The words a symbol is found by: its simple name, the parts of its qualified name and owner, and the camel-case
     * words of its simple name, lower case, separated by spaces (for {@code to_tsvector('simple', …)}).
     */
    static String searchText(Symbol s) {
        Set<String> words = new LinkedHashSet<>();
        words.add(s.simpleName().toLowerCase(Locale.ROOT));
        for (String part : s.qualifiedName().split("\\.")) {
            words.add(part.toLowerCase(Locale.ROOT));
        }
        for (String w : s.simpleName().split("(?<=[a-z0-9])(?=[A-Z])|_")) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return String.join(" ", words);
    }

    private Optional<Long> update(String sql, GraphQueries.Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write code graphs: " + e.getMessage(), e);
        }
    }
}
