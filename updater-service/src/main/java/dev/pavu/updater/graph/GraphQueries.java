package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphViews.GraphView;
import dev.pavu.updater.graph.GraphViews.OwnerView;
import dev.pavu.updater.graph.GraphViews.Related;
import dev.pavu.updater.graph.GraphViews.SymbolView;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads code graphs (tables of Flyway V7) for {@code /graph}. */
@ApplicationScoped
public class GraphQueries {

    private static final String SYMBOL_COLUMNS = "s.id, s.kind, s.qualified_name, s.simple_name, s.signature, s.owner, "
            + "s.file, s.line, s.is_test";

    private final AgroalDataSource dataSource;

    public GraphQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A stored graph.
     *
     * @param id   its row id
     * @param view its state and counts
     */
    public record Found(long id, GraphView view) {
    }

    /**
     * A symbol with its number in the graph.
     *
     * @param id   its number
     * @param view the symbol
     */
    public record Stored(int id, SymbolView view) {
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * @param team   the caller's team, or {@code null} for every team (the service credential acting for all)
     * @param commit a full commit id, or a prefix of at least 7 hex digits
     * @return the graphs of that commit the caller may see (for every team: READY ones first, then the newest)
     */
    public List<Found> find(String team, String commit) {
        String c = commit.toLowerCase(Locale.ROOT);
        return query("select g.*, (select coalesce(jsonb_object_agg(kind, n), '{}')::text from (select kind, count(*) n "
                        + "from code_symbols where graph_id = g.id group by kind) k) as by_kind, (select "
                        + "coalesce(jsonb_object_agg(kind, n), '{}')::text from (select kind, count(*) n from code_edges "
                        + "where graph_id = g.id group by kind) e) as edges_by_kind from code_graphs g "
                        + "where (g.commit_sha = ? or g.commit_sha like ?) and (? or g.team = ?) "
                        + "order by (g.status = 'READY') desc, g.requested_at desc limit 20",
                ps -> {
                    ps.setString(1, c);
                    ps.setString(2, c + "%");
                    ps.setBoolean(3, team == null);
                    ps.setString(4, team == null ? "" : team);
                }, GraphQueries::graph);
    }

    /**
     * Full-text and prefix search over names.
     *
     * @param graph the graph
     * @param words words to find, each a prefix of a name's word (all of them must match)
     * @param kind  only this kind, or {@code null}
     * @param limit at most this many
     * @return matches: an exact simple name first, then by rank, then by qualified name
     */
    public List<Stored> search(long graph, List<String> words, String kind, int limit) {
        String query = String.join(" & ", words.stream().map(w -> w + ":*").toList());
        String exact = words.size() == 1 ? words.getFirst() : "";
        return query("select " + SYMBOL_COLUMNS + " from code_symbols s where s.graph_id = ? "
                + "and s.search @@ to_tsquery('simple', ?) and (? or s.kind = ?) "
                + "order by (lower(s.simple_name) = ?) desc, ts_rank(s.search, to_tsquery('simple', ?)) desc, "
                + "s.qualified_name, s.signature limit ?", ps -> {
            ps.setLong(1, graph);
            ps.setString(2, query);
            ps.setBoolean(3, kind == null);
            ps.setString(4, kind == null ? "" : kind);
            ps.setString(5, exact);
            ps.setString(6, query);
            ps.setInt(7, limit);
        }, GraphQueries::symbol);
    }

    /**
     * @param graph  the graph
     * @param symbol a member's simple name ({@code discountOn}), qualified name ({@code com.acme.Invoice.total}) or
     *               signature
     * @return the types declaring a member (method, constructor, field or nested type) of that name, by type name
     */
    public List<OwnerView> ownersOf(long graph, String symbol) {
        String column = symbol.contains("(") ? "signature" : symbol.contains(".") ? "qualified_name" : "simple_name";
        List<Stored> members = query("select " + SYMBOL_COLUMNS + " from code_symbols s where s.graph_id = ? and s."
                + column + " = ? and s.owner is not null order by s.owner, s.signature limit 500", ps -> {
            ps.setLong(1, graph);
            ps.setString(2, symbol);
        }, GraphQueries::symbol);
        Map<String, List<SymbolView>> byOwner = new LinkedHashMap<>();
        members.forEach(m -> byOwner.computeIfAbsent(m.view().owner(), k -> new ArrayList<>()).add(m.view()));
        List<OwnerView> out = new ArrayList<>();
        for (Map.Entry<String, List<SymbolView>> e : byOwner.entrySet()) {
            SymbolView type = query("select " + SYMBOL_COLUMNS + " from code_symbols s where s.graph_id = ? and "
                    + "s.signature = ? and s.kind = 'TYPE'", ps -> {
                ps.setLong(1, graph);
                ps.setString(2, e.getKey());
            }, GraphQueries::symbol).stream().findFirst().map(Stored::view).orElse(null);
            out.add(new OwnerView(type, e.getValue()));
        }
        return out;
    }

    /**
     * @param graph     the graph
     * @param column    {@code signature}, {@code qualified_name} or {@code simple_name}
     * @param value     the value to match
     * @return the methods and constructors matching, by signature (at most 100)
     */
    public List<Stored> methods(long graph, String column, String value) {
        if (!List.of("signature", "qualified_name", "simple_name").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return query("select " + SYMBOL_COLUMNS + " from code_symbols s where s.graph_id = ? and s." + column
                + " = ? and s.kind in ('METHOD', 'CONSTRUCTOR') order by s.signature limit 100", ps -> {
            ps.setLong(1, graph);
            ps.setString(2, value);
        }, GraphQueries::symbol);
    }

    /**
     * @param graph    the graph
     * @param symbol   a symbol's number
     * @param kind     the edge kind
     * @param outgoing true for the edges' targets (callees), false for their sources (callers)
     * @param limit    at most this many
     * @return the symbols at the other end, by the edge's line, then signature
     */
    public List<Related> neighbours(long graph, int symbol, EdgeKind kind, boolean outgoing, int limit) {
        String near = outgoing ? "to_id" : "from_id";
        String far = outgoing ? "from_id" : "to_id";
        return query("select " + SYMBOL_COLUMNS + ", e.line from code_edges e join code_symbols s on s.graph_id = "
                + "e.graph_id and s.id = e." + near + " where e.graph_id = ? and e.kind = ? and e." + far + " = ? "
                + "order by e.line, s.signature limit ?", ps -> {
            ps.setLong(1, graph);
            ps.setString(2, kind.name());
            ps.setInt(3, symbol);
            ps.setInt(4, limit);
        }, rs -> new Related(symbol(rs).view(), rs.getInt(10)));
    }

    private static Stored symbol(ResultSet rs) throws SQLException {
        return new Stored(rs.getInt(1), new SymbolView(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9)));
    }

    private static Found graph(ResultSet rs) throws SQLException {
        Map<String, Integer> files = new LinkedHashMap<>();
        files.put("parsed", rs.getInt("files_parsed"));
        files.put("skipped", rs.getInt("files_skipped"));
        files.put("failed", rs.getInt("files_failed"));
        files.put("linksSkipped", rs.getInt("links_skipped"));
        Map<String, Integer> calls = new LinkedHashMap<>();
        calls.put("resolved", rs.getInt("calls_resolved"));
        calls.put("external", rs.getInt("calls_external"));
        calls.put("unresolved", rs.getInt("calls_unresolved"));
        Long ms = rs.getObject("build_ms", Long.class);
        return new Found(rs.getLong("id"), new GraphView(rs.getString("commit_sha"), rs.getString("bundle_sha").strip(),
                rs.getString("team"), rs.getObject("job_id", UUID.class), rs.getString("status"), rs.getString("reason"),
                rs.getInt("attempts"), instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), ms, counts(rs.getString("by_kind")),
                counts(rs.getString("edges_by_kind")), files, calls));
    }

    private static Map<String, Integer> counts(String json) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        String body = json.strip();
        body = body.substring(1, body.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                String[] kv = pair.split(":");
                out.put(kv[0].strip().replace("\"", ""), Integer.parseInt(kv[1].strip()));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read code graphs: " + e.getMessage(), e);
        }
    }

    /** @return an {@link Optional} of the first element */
    static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }
}
