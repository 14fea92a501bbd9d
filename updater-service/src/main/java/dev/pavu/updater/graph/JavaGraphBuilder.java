package dev.pavu.updater.graph;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JavaParserTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.pavu.updater.graph.GraphModel.Built;
import dev.pavu.updater.graph.GraphModel.Edge;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphModel.Stats;
import dev.pavu.updater.graph.GraphModel.Symbol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the code graph of one checked-out Java project: its types, methods, constructors and fields, the calls
 * between them, overrides, and which test methods reach which main-code methods.
 *
 * <p>Reading only: nothing of the project is compiled, loaded or run. The project's acceptable Java files are copied
 * into a private staging tree first ({@link JavaSources}: no symbolic link is followed, special files are skipped,
 * files, bytes and time are bounded); calls are resolved with JavaParser's symbol solver over those staging roots plus
 * the running JDK's own classes ({@link ReflectionTypeSolver} restricted to the JRE). No jar of the project is ever
 * read, so a call into a library resolves to nothing: only resolved calls between the project's own methods become
 * CALLS edges; calls into the JDK are counted ({@code callsExternal}) and unresolved ones are counted and dropped
 * ({@code callsUnresolved}).
 *
 * <p>Memory: one file's syntax tree is held at a time (the extracted symbols and call sites are small records); the
 * symbol solver keeps at most {@value #SOLVER_CACHE} parsed files per source root, and all of it is released when the
 * build returns (JavaParser's static facade cache is cleared). A file that does not parse (a syntax
 * error, nesting deep enough to overflow the stack) is counted and skipped.
 */
public final class JavaGraphBuilder {

    /** Parsed files the symbol solver keeps per source root to resolve types across files. */
    static final long SOLVER_CACHE = 200;

    private JavaGraphBuilder() {
    }

    /**
     * Bounds of a build.
     *
     * @param maxFiles      Java files read at most
     * @param maxFileBytes  largest Java file read, bytes
     * @param maxTotalBytes largest sum of Java file sizes read, bytes
     * @param timeoutMs     wall-clock limit, milliseconds: past it, what was read is the graph ({@code truncated})
     * @param reachDepth    CALLS steps a test may take for TEST_REACHES
     * @param maxReachEdges TEST_REACHES edges at most
     */
    public record Settings(int maxFiles, long maxFileBytes, long maxTotalBytes, long timeoutMs, int reachDepth,
                           int maxReachEdges) {

        /**
         * @param config the updater's {@code pavu.graph.*} settings
         * @return the same bounds
         */
        public static Settings of(GraphConfig config) {
            return new Settings(config.maxFiles(), config.maxFileBytes(), config.maxTotalBytes(), config.timeoutMs(),
                    config.reachDepth(), config.maxReachEdges());
        }
    }

    /**
     * Builds the graph of a project.
     *
     * @param project the project's root directory (only read; may be hostile)
     * @param scratch an empty directory of the caller's (the staging copy is written there; the caller deletes it)
     * @param settings the bounds
     * @return the graph; never fails on the project's content (unreadable parts are counted in {@link Stats})
     * @throws IOException when the project's root cannot be read or the scratch directory cannot be written
     */
    public static Built build(Path project, Path scratch, Settings settings) throws IOException {
        long deadline = System.nanoTime() + settings.timeoutMs() * 1_000_000L;
        JavaSources.Staged staged = JavaSources.stage(project, scratch.resolve("staging"), new JavaSources.Limits(
                settings.maxFiles(), settings.maxFileBytes(), settings.maxTotalBytes(), deadline));

        // one configuration, symbol resolver included, for the files read here and those the type solver parses to
        // resolve across files (without it, e.g. a record's implicit accessor in another file cannot be resolved)
        CombinedTypeSolver types = new CombinedTypeSolver(new ReflectionTypeSolver(true));
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setSymbolResolver(new JavaSymbolSolver(types));
        for (Path root : staged.roots()) {
            types.add(new JavaParserTypeSolver(root, configuration, SOLVER_CACHE));
        }
        JavaParser parser = new JavaParser(configuration);

        try {
            return extract(staged, parser, settings, deadline);
        } finally {
            // JavaParserFacade keeps a facade per type solver in a static WeakHashMap whose value holds its key: without
            // this, every build's solver and its cached syntax trees would stay reachable for the life of the process
            JavaParserFacade.clearInstances();
        }
    }

    private static Built extract(JavaSources.Staged staged, JavaParser parser, Settings settings, long deadline) {
        Extraction extraction = new Extraction(deadline);
        int parsed = 0;
        int failed = 0;
        int skipped = staged.skipped();
        String truncated = staged.truncated();
        for (JavaSources.SourceFile file : staged.files()) {
            if (extraction.expired()) {
                truncated = truncated != null ? truncated : "time limit of " + settings.timeoutMs()
                        + " ms reached while resolving (pavu.graph.timeout-ms)";
                skipped++;
                continue;
            }
            CompilationUnit cu = parse(parser, file);
            if (cu == null) {
                failed++;
                continue;
            }
            parsed++;
            try {
                extraction.file(cu, file);
            } catch (RuntimeException | StackOverflowError e) {
                failed++; // what the file declared before the failure is kept
            }
        }
        if (extraction.expired() && truncated == null) {
            truncated = "time limit of " + settings.timeoutMs() + " ms reached while resolving (pavu.graph.timeout-ms)";
        }
        return assemble(extraction, settings, new Stats(parsed, skipped, failed, staged.links(),
                0, extraction.external, extraction.unresolved, truncated));
    }

    private static CompilationUnit parse(JavaParser parser, JavaSources.SourceFile file) {
        try {
            ParseResult<CompilationUnit> result = parser.parse(file.staged());
            return result.isSuccessful() ? result.getResult().orElse(null) : null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** Numbers the symbols, keeps the calls between them, and adds overrides and test reach. */
    private static Built assemble(Extraction x, Settings settings, Stats counted) {
        List<Symbol> symbols = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (Extraction.Declared d : x.declared) {
            if (ids.putIfAbsent(d.signature(), symbols.size()) == null) {
                symbols.add(new Symbol(symbols.size(), d.kind(), d.qualifiedName(), d.simpleName(), d.signature(),
                        d.owner(), d.file(), d.line(), d.test(), d.testMethod()));
            }
        }
        Map<Long, Edge> calls = new LinkedHashMap<>();
        int resolved = 0;
        int external = counted.callsExternal();
        for (Extraction.Call c : x.calls) {
            Integer from = ids.get(c.caller());
            Integer to = ids.get(c.target());
            if (from == null) {
                continue;
            }
            if (to == null) {
                external++; // resolved, but not to a symbol of this project (an implicit record accessor, the JDK)
                continue;
            }
            resolved++;
            calls.putIfAbsent(((long) from << 32) | to, new Edge(EdgeKind.CALLS, from, to, c.line()));
        }
        List<Edge> edges = new ArrayList<>(calls.values());
        edges.addAll(Overrides.of(symbols, ids, x.ancestors));
        edges.addAll(TestReach.of(symbols, calls.values(), settings.reachDepth(), settings.maxReachEdges()));
        Stats stats = new Stats(counted.filesParsed(), counted.filesSkipped(), counted.filesFailed(),
                counted.linksSkipped(), resolved, external, counted.callsUnresolved(), counted.truncated());
        return new Built(List.copyOf(symbols), List.copyOf(edges), stats);
    }
}
