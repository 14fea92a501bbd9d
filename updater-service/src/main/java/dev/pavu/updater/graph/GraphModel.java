package dev.pavu.updater.graph;

import java.util.List;

/**
 * What {@link JavaGraphBuilder} extracts from one commit, before it is stored: plain records, no AST.
 */
public final class GraphModel {

    private GraphModel() {
    }

    /** Kinds of symbol. */
    public enum Kind { TYPE, METHOD, CONSTRUCTOR, FIELD }

    /** Kinds of edge, always between two symbols of the same graph. */
    public enum EdgeKind {
        /** a method or constructor calls a method or constructor of the project (resolved call sites only) */
        CALLS,
        /** a method overrides (or implements) a method of a project supertype */
        OVERRIDES,
        /** a test method reaches a main-code method or constructor through CALLS, within the configured depth */
        TEST_REACHES
    }

    /**
     * One declared symbol.
     *
     * @param id            its number within the graph (0-based, the position in {@link Built#symbols()})
     * @param kind          TYPE, METHOD, CONSTRUCTOR or FIELD
     * @param qualifiedName e.g. {@code com.acme.Money.plus} (a type: {@code com.acme.Money}; a nested type
     *                      {@code com.acme.Outer.Inner}; a constructor {@code com.acme.Money.Money})
     * @param simpleName    e.g. {@code plus}
     * @param signature     unique within the graph: a type's or field's qualified name, a method's or constructor's
     *                      qualified name with its erased parameter types, e.g.
     *                      {@code com.acme.Money.plus(com.acme.Money)}
     * @param owner         the declaring type's qualified name; {@code null} for a top-level type
     * @param file          path of the declaring file relative to the project root, {@code /}-separated
     * @param line          1-based line of the declaration
     * @param test          whether it is declared in test code (a {@code test}/{@code tests} directory, or a file
     *                      named {@code *Test.java}, {@code *Tests.java}, {@code *IT.java})
     * @param testMethod    whether it is a test method (a method of test code annotated {@code @Test},
     *                      {@code @ParameterizedTest}, {@code @RepeatedTest}, {@code @TestFactory},
     *                      {@code @TestTemplate}, or a public no-argument {@code test*} method)
     */
    public record Symbol(int id, Kind kind, String qualifiedName, String simpleName, String signature, String owner,
                         String file, int line, boolean test, boolean testMethod) {
    }

    /**
     * A directed edge.
     *
     * @param kind the kind
     * @param from the source symbol's id
     * @param to   the target symbol's id
     * @param line for CALLS, the first call site's line in the caller's file; for OVERRIDES 0; for TEST_REACHES the
     *             number of CALLS steps from the test to the method (1 = called directly)
     */
    public record Edge(EdgeKind kind, int from, int to, int line) {
    }

    /**
     * What a build read, skipped and could not resolve.
     *
     * @param filesParsed      Java files parsed
     * @param filesSkipped     Java files not read: over {@code max-file-bytes}, past {@code max-files}, or past the
     *                         time limit
     * @param filesFailed      Java files that did not parse (syntax errors, too deep to parse): skipped
     * @param linksSkipped     symbolic links and special files met in the tree and not followed
     * @param callsResolved    call sites resolved to a method or constructor of the project
     * @param callsExternal    call sites resolved to a JDK method (no edge: the graph holds the project's symbols)
     * @param callsUnresolved  call sites that could not be resolved (a library type, a syntax the solver does not
     *                         handle): not stored
     * @param truncated        why the build stopped early ({@code max-files} or the time limit), or {@code null}
     */
    public record Stats(int filesParsed, int filesSkipped, int filesFailed, int linksSkipped, int callsResolved,
                        int callsExternal, int callsUnresolved, String truncated) {
    }

    /**
     * A built graph.
     *
     * @param symbols every symbol, its id its position
     * @param edges   every edge, without duplicates
     * @param stats   counts of the build
     */
    public record Built(List<Symbol> symbols, List<Edge> edges, Stats stats) {
    }
}
