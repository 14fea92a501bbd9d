package dev.pavu.verifier.bench;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.fast.FastPath;
import dev.pavu.verifier.fast.FastProject;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.UnsandboxedSandbox;
import dev.pavu.verifier.service.Prefetcher;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Verifies the same candidate patches with the cold path (a full offline {@code mvn test} per candidate in a
 * fresh copy) and the fast path (changed sources compiled alone, tests in a warm JVM), compares the verdicts
 * and measures both. Used by {@code bench/verifier/run} and by {@code FastPathEquivalenceTest}.
 */
public final class VerifierBench {

    /** One candidate of the corpus. */
    public record Candidate(String project, String name, Path projectDir, String diff) {
    }

    /** What one path made of one candidate. */
    public record Run(Verdict verdict, List<String> failingTests, String reason, long ms) {
        String key() {
            return verdict + " " + failingTests;
        }
    }

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final MavenGates gates;
    private final Path work;
    /** The log of the last fast-path opening ({@link #fast(Path)}). */
    private String lastOpenLog = "";

    /**
     * @param work a scratch directory (copies, logs, fast-path builds)
     */
    public VerifierBench(Path work) {
        this(work, true);
    }

    /**
     * @param work      a scratch directory (copies, logs, fast-path builds)
     * @param sandboxed false to run everything unsandboxed (a control run of hostile tests: what they reach without it)
     */
    public VerifierBench(Path work, boolean sandboxed) {
        this(work, sandboxed, Map.of());
    }

    /**
     * @param work     a scratch directory (copies, logs, fast-path builds)
     * @param settings verifier settings over the defaults, e.g. {@code pavu.verifier.fast-path.test-limit-floor=1s}
     */
    public VerifierBench(Path work, Map<String, String> settings) {
        this(work, true, settings);
    }

    private VerifierBench(Path work, boolean sandboxed, Map<String, String> settings) {
        this.work = work;
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().addSystemSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("pavu.verifier.home", work.resolve("home").toString())
                .withSources(new io.smallrye.config.PropertiesConfigSource(settings, "bench-settings", 1000))
                .withMapping(VerifierConfig.class).build();
        this.config = c.getConfigMapping(VerifierConfig.class);
        this.maven = new MavenToolchain(config);
        this.sandbox = sandboxed && BubblewrapSandbox.probe("bwrap").isEmpty()
                ? new BubblewrapSandbox("bwrap", config.sandbox().systemPaths().stream().map(Path::of).toList(),
                config.sandbox().hiddenPaths().stream().map(Path::of).toList(), Cgroups.unavailableReason().isEmpty())
                : new UnsandboxedSandbox();
        this.gates = new MavenGates(maven, sandbox, config);
    }

    /** @return the sandbox in use */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** @return the naive yardstick ({@link PlainMaven}) on this bench's toolchain, sandbox and scratch directory */
    public PlainMaven plainMaven() {
        return new PlainMaven(maven, sandbox, config, work);
    }

    /**
     * Resolves a project's dependencies with network once (as the verifier's prefetch does).
     *
     * @param projectDir the project
     */
    public void prefetch(Path projectDir) throws IOException {
        Path resolve = work.resolve("prefetch-" + projectDir.getFileName());
        try {
            Prefetcher.create(config, maven).run(projectDir, maven.localRepository(), resolve, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("prefetch interrupted", e);
        } finally {
            Workspaces.deleteRecursively(resolve);
        }
    }

    /**
     * Puts artifacts (and what they depend on) into the local repository with network, as {@code mvn dependency:get}
     * (e.g. JUnit Vintage for the fast path, or a surefire provider the prefetch's run does not resolve).
     *
     * @param artifacts {@code group:artifact:version} each
     * @throws IOException when Maven fails
     */
    public void fetch(String... artifacts) throws IOException {
        for (String gav : artifacts) {
            String[] p = gav.split(":");
            Path jar = maven.localRepository().resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2]).resolve(p[1] + "-" + p[2] + ".jar");
            if (Files.isRegularFile(jar)) {
                continue;
            }
            List<String> cmd = new ArrayList<>(maven.baseCommand());
            cmd.remove("-o"); // with network: the bench's own download, not a project's build
            cmd.addAll(List.of("-q", "dependency:get", "-Dartifact=" + gav));
            OutputCapture out = new OutputCapture(16 * 1024, 16 * 1024, null);
            var r = new UnsandboxedSandbox().run(new ExecRequest(cmd, Files.createDirectories(work.resolve("fetch")),
                    maven.environment(), Duration.ofMinutes(5), true, List.of(), List.of(), out, RunWatch.NONE, null));
            if (!r.succeeded()) {
                throw new IOException("mvn dependency:get " + gav + " failed: " + r.detail() + "\n" + out.text());
            }
        }
    }

    /**
     * @param c       candidate
     * @param timeout limit
     * @return the cold path's verdict
     */
    public Run cold(Candidate c, Duration timeout) throws IOException {
        return cold(c, timeout, List.of());
    }

    /**
     * @param c          candidate
     * @param timeout    limit
     * @param testsFirst test ids the plan names to run first
     * @return the cold path's verdict
     */
    public Run cold(Candidate c, Duration timeout, List<String> testsFirst) throws IOException {
        long t0 = System.nanoTime();
        Path copy = copy(c.projectDir(), work.resolve("cold-" + c.project() + "-" + Math.abs(c.name().hashCode())));
        try {
            GateOutcome o;
            try {
                if (!c.diff().isBlank()) {
                    UnifiedDiffs.apply(copy, c.diff());
                }
                o = gates.run(copy, testsFirst, timeout, new OutputCapture(256 * 1024, 256 * 1024, null), RunWatch.NONE);
            } catch (PatchRejectedException e) {
                o = GateOutcome.early(Verdict.ERROR, e.getMessage());
            }
            return run(o, t0);
        } finally {
            Workspaces.deleteRecursively(copy);
        }
    }

    /**
     * Builds a project's fast path (its baseline, once).
     *
     * @param projectDir the project
     * @return the project, ready for candidates
     */
    public FastProject fast(Path projectDir) throws IOException {
        Path dir = work.resolve("fast-" + projectDir.getFileName());
        Workspaces.deleteRecursively(dir);
        copy(projectDir, dir.resolve("base"));
        OutputCapture log = new OutputCapture(64 * 1024, 64 * 1024, null);
        FastPath.Result r = FastPath.open(dir, maven, sandbox, config, log);
        lastOpenLog = log.text();
        return r.get().orElseThrow(() -> new IllegalStateException("no fast path for " + projectDir + ": " + r.whyNot() + "\n" + log.text()));
    }

    /**
     * @param p       the project's fast path
     * @param c       candidate
     * @param timeout limit
     * @return the fast path's verdict ({@code null} when the candidate needs the cold path, or the fast path failed)
     */
    public Run fast(FastProject p, Candidate c, Duration timeout) {
        return fast(p, c, timeout, List.of());
    }

    /** @return how the last {@link #fast(Path)} opened its project: {@code in-process}, {@code Maven (<why>)} or {@code Maven} */
    public String lastOpenWay() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fast path: opened (in-process|with Maven: (.*))").matcher(lastOpenLog);
        return !m.find() ? "Maven" : m.group(2) == null ? "in-process" : "Maven (" + m.group(2) + ")";
    }

    /**
     * @param p          the project's fast path
     * @param c          candidate
     * @param timeout    limit
     * @param testsFirst test ids the plan names to run first
     * @return the fast path's verdict ({@code null} when the candidate needs the cold path, or the fast path failed)
     */
    public Run fast(FastProject p, Candidate c, Duration timeout, List<String> testsFirst) {
        long t0 = System.nanoTime();
        // a candidate the fast path does not take, or whose fast path failed, is verified on the cold path (null here)
        return p.verify(c.diff(), timeout, testsFirst, new OutputCapture(64 * 1024, 64 * 1024, null), RunWatch.NONE)
                instanceof dev.pavu.verifier.fast.FastAttempt.Judged j ? run(j.outcome(), t0) : null;
    }

    private static Run run(GateOutcome o, long t0) {
        List<String> failing = o.failingTests().stream().map(f -> f.testId()).sorted().toList();
        return new Run(o.verdict(), failing, o.reason(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Candidates of one bug program: the empty patch, the reference fix, then mutants ({@link #mutations}) of its
     * main sources, the buggy file first, line by line; mutants that give the same source as an earlier one are
     * left out. Lines holding string literals, comments, imports and annotations are not mutated.
     *
     * @param projectDir a program of bench/bugs (pom.xml, bug.json, reference.diff)
     * @param max        candidates at most
     * @return the candidates
     */
    public static List<Candidate> candidates(Path projectDir, int max) throws IOException {
        String name = projectDir.getFileName().toString();
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(name, "empty-patch", projectDir, ""));
        Path ref = projectDir.resolve("reference.diff");
        if (Files.exists(ref)) {
            out.add(new Candidate(name, "reference", projectDir, Files.readString(ref)));
        }
        String bug = Files.readString(projectDir.resolve("bug.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"file\"\\s*:\\s*\"([^\"]+)\"").matcher(bug);
        List<String> files = new ArrayList<>();
        if (m.find()) {
            files.add(m.group(1));
        }
        try (Stream<Path> s = Files.walk(projectDir.resolve("src/main/java"))) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> projectDir.relativize(p).toString())
                    .filter(p -> !files.contains(p)).forEach(files::add);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String file : files) {
            String text = Files.readString(projectDir.resolve(file));
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length && out.size() < max; i++) {
                String l = lines[i];
                if (l.trim().startsWith("//") || l.trim().startsWith("*") || l.trim().startsWith("/*") || l.trim().startsWith("import")
                        || l.trim().startsWith("package") || l.trim().startsWith("@")) {
                    continue;
                }
                for (Mutation mu : mutations(l)) {
                    if (out.size() >= max) {
                        break;
                    }
                    String[] copy = lines.clone();
                    copy[i] = l.substring(0, mu.at()) + mu.replacement() + l.substring(mu.at() + mu.original().length());
                    String mutated = String.join("\n", copy);
                    if (!seen.add(mutated)) {
                        continue;
                    }
                    String diff = UnifiedDiffs.create(file, text, mutated);
                    if (!diff.isBlank()) {
                        out.add(new Candidate(name, file.substring(file.lastIndexOf('/') + 1) + ":" + (i + 1) + ":" + (mu.at() + 1) + " "
                                + mu.original().trim() + "->" + mu.replacement().trim(), projectDir, diff));
                    }
                }
            }
        }
        return out;
    }

    /** One mutation site: {@code original} at column {@code at} (0-based) of a line, replaced by {@code replacement}. */
    record Mutation(int at, String original, String replacement) {
    }

    /** Relational (ROR), arithmetic (AOR) and conditional (LCR) operators, spaced as in the sources (no generics). */
    private static final List<List<String>> OPERATOR_CLASSES = List.of(
            List.of(" < ", " <= ", " > ", " >= ", " == ", " != "),
            List.of(" + ", " - ", " * ", " / ", " % "),
            List.of(" && ", " || "),
            List.of(" += ", " -= ", " *= "),
            List.of("++", "--"));
    private static final String[][] OTHER = {
            {"return true;", "return false;"}, {"return false;", "return true;"}, {"Math.max(", "Math.min("}, {"Math.min(", "Math.max("},
            {"(!", "("}};
    private static final java.util.regex.Pattern INT_LITERAL = java.util.regex.Pattern.compile("(?<![\\w.\"'])\\d+(?![\\w.])");

    /**
     * The standard mutation operators on one line, each occurrence a mutant of its own: relational operator
     * replacement (each of the five others), arithmetic operator replacement, conditional operator replacement,
     * increments, compound assignments, inline constants ({@code n -> n + 1}, {@code n -> n - 1}, as PIT's
     * INLINE_CONSTS), boolean returns, {@code Math.max}/{@code min} and removed negations (after Offutt et al.,
     * "An experimental determination of sufficient mutant operators", TOSEM 1996, and PIT's operator set).
     *
     * @param l a source line
     * @return its mutations, left to right by operator class
     */
    static List<Mutation> mutations(String l) {
        List<Mutation> out = new ArrayList<>();
        if (l.contains("\"")) {
            return out; // string literals: their text is not code
        }
        for (List<String> cls : OPERATOR_CLASSES) {
            for (String op : cls) {
                for (int at = l.indexOf(op); at >= 0; at = l.indexOf(op, at + 1)) {
                    if (op.equals("++") || op.equals("--")) {
                        if (l.startsWith(op.equals("++") ? "+" : "-", at + 2) || (at > 0 && l.charAt(at - 1) == op.charAt(0))) {
                            continue;
                        }
                    }
                    for (String other : cls) {
                        if (!other.equals(op)) {
                            out.add(new Mutation(at, op, other));
                        }
                    }
                }
            }
        }
        for (String[] op : OTHER) {
            for (int at = l.indexOf(op[0]); at >= 0; at = l.indexOf(op[0], at + 1)) {
                out.add(new Mutation(at, op[0], op[1]));
            }
        }
        java.util.regex.Matcher n = INT_LITERAL.matcher(l);
        while (n.find()) {
            long v = Long.parseLong(n.group());
            if (v > Integer.MAX_VALUE - 1) {
                continue;
            }
            out.add(new Mutation(n.start(), n.group(), Long.toString(v + 1)));
            if (v > 0) {
                out.add(new Mutation(n.start(), n.group(), Long.toString(v - 1)));
            }
        }
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        Workspaces.deleteRecursively(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.LinkOption.NOFOLLOW_LINKS); // a link stays a link, as in a git checkout
                }
            }
        }
        return to;
    }

    /**
     * {@code VerifierBench <bugs dir> <projects> <candidates per project> <timeout s> <results dir>}
     *
     * @param args see above
     */
    public static void main(String[] args) throws Exception {
        Path bugs = Path.of(args.length > 0 ? args[0] : "bench/bugs");
        int projects = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int perProject = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Duration timeout = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 20);
        Path results = Path.of(args.length > 4 ? args[4] : "bench/verifier/results");
        Files.createDirectories(results);
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), "pavu-verifier-bench-");
        VerifierBench bench = new VerifierBench(work);
        // the programs with the most candidates (ties by name): a real job has one source and up to 150 candidates, so
        // fewer projects with more candidates each is the closer shape (the baseline is built once per source)
        Map<Path, List<Candidate>> byProject = new java.util.HashMap<>();
        try (Stream<Path> s = Files.list(bugs)) {
            for (Path d : s.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
                byProject.put(d, candidates(d, perProject));
            }
        }
        List<Path> dirs = byProject.keySet().stream()
                .sorted(Comparator.comparing((Path d) -> -byProject.get(d).size()).thenComparing(Path::toString)).limit(projects).toList();
        List<Candidate> all = new ArrayList<>();
        for (Path d : dirs) {
            all.addAll(byProject.get(d));
        }
        System.out.printf(Locale.ROOT, "corpus: %d candidates on %d projects (%s); sandbox %s; timeout %d s%n", all.size(), dirs.size(),
                String.join(", ", dirs.stream().map(d -> d.getFileName().toString()).toList()), bench.sandbox().name(), timeout.toSeconds());
        for (Path d : dirs) {
            bench.prefetch(d);
        }
        MemoryWatch memory = new MemoryWatch();
        // fast path
        memory.start();
        long fastStart = System.nanoTime();
        List<Run> fastRuns = new ArrayList<>();
        long buildMs = 0;
        int starts = 0;
        int used = 0;
        int spares = 0;
        long startWaitMs = 0;
        StringBuilder byProjectTimes = new StringBuilder();
        for (Path d : dirs) {
            long b0 = System.nanoTime();
            try (FastProject p = bench.fast(d)) {
                buildMs += (System.nanoTime() - b0) / 1_000_000;
                long l0 = System.nanoTime();
                for (Candidate c : all) {
                    if (c.projectDir().equals(d)) {
                        Run r = bench.fast(p, c, timeout);
                        fastRuns.add(r == null ? bench.cold(c, timeout) : r);
                    }
                }
                byProjectTimes.append(String.format(Locale.ROOT, "  fast %s: baseline build %d ms, candidates %d ms%n", d.getFileName(),
                        (l0 - b0) / 1_000_000, (System.nanoTime() - l0) / 1_000_000));
                starts += p.jvmStarts();
                used += p.jvmsUsed();
                spares += p.sparesTaken();
                startWaitMs += p.jvmStartWaitMs();
            }
        }
        long fastMs = (System.nanoTime() - fastStart) / 1_000_000;
        long fastPeak = memory.stop();
        if (System.getenv("PAVU_BENCH_FAST_ONLY") != null) {
            System.out.print(byProjectTimes);
            // for work on the fast path: its figures alone, no cold path, no ratio
            System.out.printf(Locale.ROOT, "fast only: %d candidates in %d ms%n", all.size(), fastMs);
            for (int i = 0; i < all.size(); i++) {
                System.out.println(all.get(i).project() + "\t" + all.get(i).name() + "\t" + fastRuns.get(i).key() + "\t" + fastRuns.get(i).ms());
            }
            Workspaces.deleteRecursively(work);
            return;
        }
        // cold path
        memory.start();
        long coldStart = System.nanoTime();
        List<Run> coldRuns = new ArrayList<>();
        for (Candidate c : all) {
            coldRuns.add(bench.cold(c, timeout));
        }
        long coldMs = (System.nanoTime() - coldStart) / 1_000_000;
        long coldPeak = memory.stop();

        int same = 0;
        StringBuilder report = new StringBuilder("project\tcandidate\tcold\tcold_ms\tfast\tfast_ms\tsame\n");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            Run a = coldRuns.get(i);
            Run b = fastRuns.get(i);
            boolean eq = a.key().equals(b.key());
            same += eq ? 1 : 0;
            if (!eq) {
                mismatches.add(c.project() + " " + c.name() + ": cold " + a.key() + " (" + a.reason() + ") vs fast " + b.key() + " (" + b.reason() + ")");
            }
            report.append(String.join("\t", c.project(), c.name(), a.verdict().name(), Long.toString(a.ms()), b.verdict().name(),
                    Long.toString(b.ms()), Boolean.toString(eq))).append('\n');
        }
        double coldPerMin = all.size() / (coldMs / 60000.0);
        double fastPerMin = all.size() / (fastMs / 60000.0);
        double ratio = fastPerMin / coldPerMin;
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "verdicts: %s%n", verdictCounts(coldRuns)));
        summary.append(String.format(Locale.ROOT, "same verdict and failing tests on both paths: %d of %d%n", same, all.size()));
        mismatches.forEach(x -> summary.append("  mismatch: ").append(x).append('\n'));
        summary.append(String.format(Locale.ROOT, "cold: %.1f candidates/min, p50 %d ms, p95 %d ms, peak memory %s (verifier + runs)%n",
                coldPerMin, pct(coldRuns, 50), pct(coldRuns, 95), Limits.human(coldPeak)));
        summary.append(String.format(Locale.ROOT, "fast: %.1f candidates/min, p50 %d ms, p95 %d ms, peak memory %s (verifier + runs); "
                + "baseline builds %d ms in total, %d warm JVM start(s) (%d used, %d of them a spare started beforehand; "
                + "%d ms waited for JVM starts)%n", fastPerMin, pct(fastRuns, 50), pct(fastRuns, 95),
                Limits.human(fastPeak), buildMs, starts, used, spares, startWaitMs));
        summary.append(byProjectTimes);
        summary.append(String.format(Locale.ROOT, "speedup: %.1fx%n", ratio));
        System.out.print(summary);
        String stamp = java.time.LocalDateTime.now().toString().replace(':', '-');
        Files.writeString(results.resolve("verifier-bench-" + stamp + ".tsv"), report.toString());
        Files.writeString(results.resolve("verifier-bench-" + stamp + ".txt"), summary.toString());
        Workspaces.deleteRecursively(work);
    }

    private static Map<Verdict, Long> verdictCounts(List<Run> runs) {
        Map<Verdict, Long> m = new java.util.EnumMap<>(Verdict.class);
        runs.forEach(r -> m.merge(r.verdict(), 1L, Long::sum));
        return m;
    }

    private static long pct(List<Run> runs, int p) {
        List<Long> ms = runs.stream().map(Run::ms).filter(Objects::nonNull).sorted().toList();
        if (ms.isEmpty()) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * ms.size()) - 1;
        return ms.get(Math.max(0, Math.min(ms.size() - 1, idx)));
    }

    /** Samples the resident memory of this JVM and all its descendants (Maven, test JVMs, the warm JVM). */
    static final class MemoryWatch {
        private volatile boolean running;
        private volatile long peak;
        private Thread thread;

        void start() {
            peak = 0;
            running = true;
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    long sum = rss(ProcessHandle.current().pid());
                    for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
                        sum += rss(h.pid());
                    }
                    peak = Math.max(peak, sum);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }

        private static long rss(long pid) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone
            }
            return 0;
        }
    }
}
