package dev.pavu.verifier.coverage;

import dev.pavu.contracts.TestCoverage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.tools.ExecFileLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the per-test coverage a run with the {@link CoverageProbe} left behind and turns it into
 * {@link TestCoverage} records.
 *
 * <p>Every {@code target/pavu-coverage} folder of the project (one per module whose tests ran) holds, per
 * test, a status file and the JaCoCo execution data (format: see {@code dev.pavu.probe.CoverageListener}).
 * Each execution data file is analysed with JaCoCo's {@link Analyzer} over the class files of the classes it
 * hit, found in the modules' {@code target/classes} (main code only: test classes are never looked up). A
 * class maps to {@code <module>/src/main/java/<package>/<SourceFile>} relative to the project root; a line
 * counts as covered when JaCoCo reports it {@link ICounter#FULLY_COVERED} or {@link ICounter#PARTLY_COVERED}.
 *
 * <p>Statuses: {@code SUCCESSFUL} → passed; {@code FAILED} → failed; {@code RUNNING} (the run was killed while
 * the test ran; its data is the last partial dump) → failed; {@code ABORTED} (assumption failed) → left out.
 * Several runs of one test id (parameterised tests, repetitions) are merged: failed when any failed, the
 * union of their lines.
 *
 * <p>The result is capped at about {@code maxBytes} of JSON (the verdict travels as one Kafka record of at
 * most ~1 MB): failing tests first, then passing ones in id order, until the estimate is reached.
 */
@ApplicationScoped
public class CoverageCollector {

    /** Default cap of the coverage's JSON size in a verdict, bytes. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;
    static final int MAX_DEPTH = 12;

    /**
     * What was collected.
     *
     * @param tests      per-test coverage, failing tests first
     * @param totalTests tests found before the cap
     * @param note       one line for the log: counts, or why nothing was collected
     */
    public record Collected(List<TestCoverage> tests, int totalTests, String note) {
        public Collected {
            tests = List.copyOf(tests);
        }
    }

    /**
     * @param root     the project root after the run
     * @param maxBytes cap of the JSON size estimate, bytes
     * @return the coverage; empty with a note when the run left none
     */
    public Collected collect(Path root, int maxBytes) {
        try {
            return collectOrThrow(root.toAbsolutePath().normalize(), maxBytes);
        } catch (IOException | RuntimeException e) {
            return new Collected(List.of(), 0, "no per-test coverage: reading it failed: " + e);
        }
    }

    private Collected collectOrThrow(Path root, int maxBytes) throws IOException {
        List<Path> dataDirs = new ArrayList<>();
        List<Path> classDirs = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root, MAX_DEPTH)) {
            dirs.filter(Files::isDirectory).filter(d -> d.getParent() != null && d.getParent().getFileName() != null
                    && d.getParent().getFileName().toString().equals("target")).forEach(d -> {
                String name = d.getFileName().toString();
                if (name.equals("pavu-coverage")) {
                    dataDirs.add(d);
                } else if (name.equals("classes")) {
                    classDirs.add(d);
                }
            });
        }
        if (dataDirs.isEmpty()) {
            return new Collected(List.of(), 0, "no per-test coverage: no test wrote any (tests on neither the JUnit Platform nor surefire's JUnit 4 "
                    + "provider, "
                    + "no tests, or the build stopped before them)");
        }
        Classes classes = new Classes(root, classDirs);
        Map<String, Boolean> passed = new TreeMap<>();
        Map<String, Map<String, TreeSet<Integer>>> lines = new HashMap<>();
        for (Path dir : dataDirs) {
            List<Path> statusFiles;
            try (Stream<Path> files = Files.list(dir)) {
                statusFiles = files.filter(f -> f.getFileName().toString().endsWith(".test")).sorted().toList();
            }
            for (Path status : statusFiles) {
                List<String> meta = Files.readAllLines(status, StandardCharsets.UTF_8);
                if (meta.size() < 2 || meta.get(1).equals("ABORTED")) {
                    continue;
                }
                String testId = meta.get(0);
                boolean ok = meta.get(1).equals("SUCCESSFUL");
                passed.merge(testId, ok, Boolean::logicalAnd);
                Map<String, TreeSet<Integer>> byFile = lines.computeIfAbsent(testId, k -> new TreeMap<>());
                String base = status.getFileName().toString();
                Path exec = status.resolveSibling(base.substring(0, base.length() - ".test".length()) + ".exec");
                if (Files.isRegularFile(exec)) {
                    analyse(exec, classes, byFile);
                }
            }
        }
        List<String> order = new ArrayList<>(passed.keySet());
        order.sort(Comparator.comparing((String id) -> passed.get(id)).thenComparing(id -> id));
        List<TestCoverage> out = new ArrayList<>();
        long bytes = 2;
        for (String id : order) {
            Map<String, List<Integer>> byFile = new TreeMap<>();
            lines.get(id).forEach((f, ls) -> byFile.put(f, List.copyOf(ls)));
            long size = estimate(id, byFile);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            out.add(new TestCoverage(id, passed.get(id), byFile));
        }
        long failing = passed.values().stream().filter(p -> !p).count();
        String note = "per-test coverage of " + out.size() + " tests (" + failing + " failing), ~" + bytes / 1024 + " KB";
        if (out.size() < order.size()) {
            note += "; capped at " + (maxBytes >= 1024 ? maxBytes / 1024 + " KB" : maxBytes + " bytes") + ": " + (order.size() - out.size())
                    + " passing tests left out (failing tests first)";
        }
        return new Collected(out, order.size(), note);
    }

    private static void analyse(Path exec, Classes classes, Map<String, TreeSet<Integer>> byFile) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        ExecutionDataStore store = loader.getExecutionDataStore();
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(store, builder);
        Map<String, Path> modules = new HashMap<>();
        for (ExecutionData d : store.getContents()) {
            if (!d.hasHits()) {
                continue;
            }
            Optional<Classes.Found> found = classes.find(d.getName());
            if (found.isEmpty()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(found.get().classFile())) {
                analyzer.analyzeClass(in, found.get().classFile().toString());
            }
            modules.put(d.getName(), found.get().module());
        }
        for (IClassCoverage c : builder.getClasses()) {
            if (c.getSourceFileName() == null || c.getFirstLine() < 1) {
                continue;
            }
            Path module = modules.get(c.getName());
            String file = classes.sourcePath(module, c.getPackageName(), c.getSourceFileName());
            for (int l = c.getFirstLine(); l <= c.getLastLine(); l++) {
                int s = c.getLine(l).getStatus();
                if (s == ICounter.FULLY_COVERED || s == ICounter.PARTLY_COVERED) {
                    byFile.computeIfAbsent(file, k -> new TreeSet<>()).add(l);
                }
            }
        }
    }

    /** @return the approximate JSON size of one test's coverage, bytes */
    static long estimate(String testId, Map<String, List<Integer>> byFile) {
        long n = testId.length() + 60;
        for (var e : byFile.entrySet()) {
            n += e.getKey().length() + 6 + 5L * e.getValue().size();
        }
        return n;
    }

    /** The main class files of the project's modules. */
    private static final class Classes {
        record Found(Path classFile, Path module) {
        }

        private final Path root;
        private final List<Path> dirs;
        private final Map<String, Optional<Found>> cache = new HashMap<>();

        Classes(Path root, List<Path> dirs) {
            this.root = root;
            this.dirs = dirs;
        }

        Optional<Found> find(String internalName) {
            return cache.computeIfAbsent(internalName, n -> {
                for (Path d : dirs) {
                    Path f = d.resolve(n + ".class");
                    if (Files.isRegularFile(f)) {
                        return Optional.of(new Found(f, d.getParent().getParent()));
                    }
                }
                return Optional.empty();
            });
        }

        /** @return {@code <module>/src/main/java/<package>/<file>} relative to the root, with {@code /} */
        String sourcePath(Path module, String packageName, String sourceFile) {
            Path src = module.resolve("src/main/java");
            Path file = packageName.isEmpty() ? src.resolve(sourceFile) : src.resolve(packageName).resolve(sourceFile);
            return root.relativize(file).toString().replace('\\', '/');
        }
    }
}
