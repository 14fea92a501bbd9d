package dev.pavu.updater.graph;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON answers of {@code /graph}. */
public final class GraphViews {

    private GraphViews() {
    }

    /**
     * A graph's state and counts ({@code GET /graph/{sha}}).
     *
     * @param commit          the commit (40 hex)
     * @param bundleSha       the planner's bundle it was read from
     * @param team            the team it belongs to
     * @param jobId           the job whose plan asked for it first
     * @param status          QUEUED, BUILDING, READY or FAILED
     * @param reason          FAILED: why; READY: why it is partial (a limit reached), else null
     * @param attempts        builds tried
     * @param requestedAt     when it was asked for
     * @param startedAt       when its last build started, or null
     * @param finishedAt      when its last build ended, or null
     * @param buildMs         how long the successful build took, milliseconds, or null
     * @param symbols         symbols by kind (TYPE, METHOD, CONSTRUCTOR, FIELD)
     * @param edges           edges by kind (CALLS, OVERRIDES, TEST_REACHES)
     * @param files           Java files: {@code parsed}, {@code skipped} (too large or past a limit), {@code failed}
     *                        (did not parse), {@code linksSkipped} (symbolic links and special files, never followed)
     * @param calls           call sites: {@code resolved} (an edge), {@code external} (the JDK, no edge),
     *                        {@code unresolved} (not stored)
     */
    public record GraphView(String commit, String bundleSha, String team, UUID jobId, String status, String reason,
                            int attempts, Instant requestedAt, Instant startedAt, Instant finishedAt, Long buildMs,
                            Map<String, Integer> symbols, Map<String, Integer> edges, Map<String, Integer> files,
                            Map<String, Integer> calls) {
    }

    /**
     * One symbol.
     *
     * @param kind          TYPE, METHOD, CONSTRUCTOR or FIELD
     * @param qualifiedName e.g. {@code com.acme.Money.plus}
     * @param simpleName    e.g. {@code plus}
     * @param signature     e.g. {@code com.acme.Money.plus(com.acme.Money)} (a type's or field's: its qualified name)
     * @param owner         the declaring type, or null for a top-level type
     * @param file          the declaring file, relative to the project root
     * @param line          1-based line of the declaration
     * @param test          whether it is declared in test code
     */
    public record SymbolView(String kind, String qualifiedName, String simpleName, String signature, String owner,
                             String file, int line, boolean test) {
    }

    /**
     * A type declaring members of the name asked for ({@code GET /graph/{sha}/owners-of/{symbol}}).
     *
     * @param type    the declaring type
     * @param members its members of that name (overloads: several)
     */
    public record OwnerView(SymbolView type, List<SymbolView> members) {
    }

    /**
     * A symbol at the other end of an edge.
     *
     * @param symbol the symbol
     * @param line   for callers/callees: the first call site's line (in the caller's file); for tests-reaching: the
     *               CALLS steps from the test
     */
    public record Related(SymbolView symbol, int line) {
    }

    /**
     * One method matching the reference asked for, with its neighbours ({@code callers}, {@code callees},
     * {@code tests-reaching}).
     *
     * @param method  the method (an ambiguous reference answers one entry per match)
     * @param related its callers, callees or reaching tests, by signature
     */
    public record MethodEdges(SymbolView method, List<Related> related) {
    }
}
