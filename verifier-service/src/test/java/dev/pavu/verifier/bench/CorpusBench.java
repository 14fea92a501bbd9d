package dev.pavu.verifier.bench;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.verifier.fast.FastProject;
import dev.pavu.verifier.source.Workspaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/verifier/run}: the verifier's fast path against the naive way ({@link PlainMaven}: a cold
 * {@code mvn test} per candidate in the sandbox) on three corpora, each candidate verified both ways:
 * <ul>
 *   <li>{@code jupiter}: the programs of {@code bench/bugs} (JUnit 5) that yield the most mutants;</li>
 *   <li>{@code junit4}: {@code bench/verifier/corpora/junit4} (JUnit 4: {@code @Before/@After}, {@code @BeforeClass},
 *       {@code @Test(timeout)}, {@code @Test(expected)}, {@code Parameterized});</li>
 *   <li>{@code looping}: {@code bench/verifier/corpora/looping} (JUnit 4 programs whose bug loops forever, so most
 *       candidates still loop: {@code @Test(timeout = 1000)} and a {@code Timeout} rule).</li>
 * </ul>
 * Candidates per program: the empty patch, the reference fix, then mutants of the buggy source
 * ({@link VerifierBench#candidates}). The fast side's time includes each program's baseline build, as a job pays it.
 * Prints one line per corpus with its speedup (naive time / fast time over the same candidates) and, as the last line,
 * the overall one; saves a summary and a per-candidate TSV under the results directory. Exit status 1 when a
 * verdict disagrees (see {@link #disagreement}), 0 otherwise.
 *
 * <p>Arguments: {@code [--quick] [--only CORPUS] [--candidates CORPUS=N] [--root DIR] [--results DIR]}.
 */
public final class CorpusBench {

    /**
     * One corpus.
     *
     * @param name       short name (jupiter, junit4, looping)
     * @param what       one line saying what it is
     * @param programs   the programs, each a Maven project with bug.json and reference.diff
     * @param perProgram candidates per program at most
     * @param timeout    the wall-clock limit of one candidate on either side
     */
    record Corpus(String name, String what, List<Path> programs, int perProgram, Duration timeout) {
    }

    /** What one corpus gave. */
    record Result(Corpus corpus, List<Candidate> candidates, List<Run> plain, List<Run> fast, long plainMs, long fastMs,
                  long buildMs, int fellBack, List<String> disagreements, String perProgram) {
        double speedup() {
            return (double) plainMs / Math.max(1, fastMs);
        }
    }

    private CorpusBench() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path root = Path.of(".");
        Path results = null;
        String only = null;
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--root" -> root = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--candidates" -> {
                    String[] kv = args[++i].split("=", 2);
                    sizes.put(kv[0], Integer.parseInt(kv[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --quick, --only CORPUS, --candidates CORPUS=N, --root DIR, --results DIR)");
            }
        }
        results = results == null ? root.resolve("bench/verifier/results") : results;
        String load0 = loadAverage();
        List<Corpus> corpora = corpora(root, quick, sizes);
        if (only != null) {
            String o = only;
            corpora = corpora.stream().filter(c -> c.name().equals(o)).toList();
        }
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), "pavu-corpus-bench-");
        VerifierBench bench = new VerifierBench(work);
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "%s run on %s, commit %s, sandbox %s, %d cores, load average at start %s%n",
                quick ? "quick" : "full", java.time.Instant.now(), System.getenv().getOrDefault("PAVU_BENCH_COMMIT", "?"),
                bench.sandbox().name(), Runtime.getRuntime().availableProcessors(), load0));
        System.out.print(summary);
        List<Result> done = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("corpus\tprogram\tcandidate\tplain\tplain_ms\tplain_failing\tfast\tfast_ms\tfast_failing\tagree\n");
        try {
            for (Corpus c : corpora) {
                Result r = run(bench, c);
                done.add(r);
                for (int i = 0; i < r.candidates().size(); i++) {
                    Candidate cand = r.candidates().get(i);
                    Run p = r.plain().get(i);
                    Run f = r.fast().get(i);
                    tsv.append(String.join("\t", c.name(), cand.project(), cand.name(), p.verdict().name(), Long.toString(p.ms()),
                            String.join(",", p.failingTests()), f.verdict().name(), Long.toString(f.ms()), String.join(",", f.failingTests()),
                            Boolean.toString(disagreement(p, f) == null))).append('\n');
                }
                String line = describe(r);
                System.out.print(line);
                summary.append(line);
            }
        } finally {
            Workspaces.deleteRecursively(work);
        }
        long plainMs = done.stream().mapToLong(Result::plainMs).sum();
        long fastMs = done.stream().mapToLong(Result::fastMs).sum();
        int n = done.stream().mapToInt(r -> r.candidates().size()).sum();
        int disagreements = done.stream().mapToInt(r -> r.disagreements().size()).sum();
        String tail = String.format(Locale.ROOT, "load average at end %s%n", loadAverage())
                + String.format(Locale.ROOT, "overall: %d candidates, %d verdict disagreements, naive %.1f s, fast %.1f s, speedup: %.1fx%n",
                n, disagreements, plainMs / 1000.0, fastMs / 1000.0, (double) plainMs / Math.max(1, fastMs));
        System.out.print(tail);
        summary.append(tail);
        Files.createDirectories(results);
        String stamp = java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + (quick ? "-quick" : "-full");
        Files.writeString(results.resolve("corpus-bench-" + stamp + ".txt"), summary.toString());
        Files.writeString(results.resolve("corpus-bench-" + stamp + ".tsv"), tsv.toString());
        System.exit(disagreements == 0 ? 0 : 1);
    }

    /** The corpora with their default sizes (full or quick), {@code sizes} overriding candidates per program. */
    static List<Corpus> corpora(Path root, boolean quick, Map<String, Integer> sizes) throws IOException {
        Path bugs = root.resolve("bench/bugs");
        Path own = root.resolve("bench/verifier/corpora");
        int jupiterN = sizes.getOrDefault("jupiter", quick ? 12 : 40);
        // the bench/bugs programs yielding the most candidates (up to 100, ties by name) as the older bench picks them:
        // isbn-check, levenshtein, leap-year; none of them loops (the looping corpus is the next one)
        Map<Path, Integer> yield = new LinkedHashMap<>();
        for (Path d : programs(bugs)) {
            yield.put(d, VerifierBench.candidates(d, 100).size());
        }
        List<Path> jupiter = yield.keySet().stream().sorted(Comparator.comparing((Path d) -> -yield.get(d)).thenComparing(Path::toString))
                .limit(quick ? 1 : 2).toList();
        List<Path> junit4 = programs(own.resolve("junit4"));
        List<Path> looping = programs(own.resolve("looping"));
        if (quick) {
            junit4 = junit4.subList(0, Math.min(2, junit4.size()));
            looping = looping.subList(0, Math.min(1, looping.size()));
        }
        return List.of(
                new Corpus("jupiter", "bench/bugs, JUnit 5", jupiter, jupiterN, Duration.ofSeconds(20)),
                new Corpus("junit4", "bench/verifier/corpora/junit4, JUnit 4", junit4, sizes.getOrDefault("junit4", quick ? 8 : 25),
                        Duration.ofSeconds(60)),
                new Corpus("looping", "bench/verifier/corpora/looping, JUnit 4, the bug loops", looping,
                        sizes.getOrDefault("looping", quick ? 4 : 10), Duration.ofSeconds(60)));
    }

    private static List<Path> programs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(d.resolve("bug.json"))).sorted().toList();
        }
    }

    /** Verifies a corpus on the fast path (baseline builds included), then the naive way. */
    static Result run(VerifierBench bench, Corpus corpus) throws IOException {
        List<Candidate> all = new ArrayList<>();
        for (Path d : corpus.programs()) {
            all.addAll(VerifierBench.candidates(d, corpus.perProgram()));
        }
        System.err.printf(Locale.ROOT, "[%s] %d candidates on %s%n", corpus.name(), all.size(),
                String.join(", ", corpus.programs().stream().map(p -> p.getFileName().toString()).toList()));
        for (Path d : corpus.programs()) {
            bench.prefetch(d);
        }
        // JUnit Vintage for the fast path (the service's prefetch does the same); no-op when present
        bench.fetch("org.junit.vintage:junit-vintage-engine:5.11.4", "org.junit.platform:junit-platform-launcher:1.11.4");
        List<Run> fast = new ArrayList<>();
        long buildMs = 0;
        int fellBack = 0;
        StringBuilder perProgram = new StringBuilder();
        long fast0 = System.nanoTime();
        for (Path d : corpus.programs()) {
            List<Candidate> mine = all.stream().filter(c -> c.projectDir().equals(d)).toList();
            long b0 = System.nanoTime();
            FastProject p;
            try {
                p = bench.fast(d);
            } catch (IllegalStateException e) {
                // no fast path for this program: its candidates take the cold path, as in the service
                System.err.println("[" + corpus.name() + "] " + e.getMessage());
                p = null;
            }
            long built = (System.nanoTime() - b0) / 1_000_000;
            String way = p == null ? "none" : bench.lastOpenWay();
            buildMs += built;
            long c0 = System.nanoTime();
            try {
                for (Candidate c : mine) {
                    Run r = p == null ? null : bench.fast(p, c, corpus.timeout());
                    if (r == null) {
                        fellBack++;
                        r = bench.cold(c, corpus.timeout());
                    }
                    fast.add(r);
                }
            } finally {
                if (p != null) {
                    p.close();
                }
            }
            perProgram.append(String.format(Locale.ROOT, "    %s: %d candidates; fast: baseline %.1f s (opened %s) + candidates %.1f s", d.getFileName(),
                    mine.size(), built / 1000.0, way, (System.nanoTime() - c0) / 1e9));
            System.err.printf(Locale.ROOT, "[%s] fast %s done%n", corpus.name(), d.getFileName());
        }
        long fastMs = (System.nanoTime() - fast0) / 1_000_000;
        PlainMaven plain = bench.plainMaven();
        List<Run> plainRuns = new ArrayList<>();
        long plain0 = System.nanoTime();
        for (Candidate c : all) {
            plainRuns.add(plain.verify(c, corpus.timeout()));
        }
        long plainMs = (System.nanoTime() - plain0) / 1_000_000;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String why = disagreement(plainRuns.get(i), fast.get(i));
            if (why != null) {
                Run p = plainRuns.get(i);
                Run f = fast.get(i);
                disagreements.add(all.get(i).project() + " " + all.get(i).name() + ": " + why + "; naive " + p.key() + " (" + p.reason()
                        + ") vs fast " + f.key() + " (" + f.reason() + ")");
            }
        }
        // each program's naive time, beside its fast figures
        String[] lines = perProgram.toString().split("(?=    \\S)");
        StringBuilder joined = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            String prog = l.trim().substring(0, l.trim().indexOf(':'));
            long ms = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).project().equals(prog)) {
                    ms += plainRuns.get(i).ms();
                }
            }
            joined.append(l).append(String.format(Locale.ROOT, "; naive %.1f s%n", ms / 1000.0));
        }
        return new Result(corpus, all, plainRuns, fast, plainMs, fastMs, buildMs, fellBack, disagreements, joined.toString());
    }

    /**
     * Whether the fast path's answer agrees with the naive one: the same verdict and, for a FAIL, failing tests on both
     * or neither, the fast path's failing tests among the naive run's (the fast path, like the verifier's cold path,
     * stops at the first failing test of a JUnit 4 run, so it may name fewer; a Jupiter run names them all on both).
     *
     * @return why they disagree, or {@code null} when they agree
     */
    static String disagreement(Run plain, Run fast) {
        if (plain.verdict() != fast.verdict()) {
            return "different verdict";
        }
        if (fast.verdict() == Verdict.FAIL) {
            if (plain.failingTests().isEmpty() != fast.failingTests().isEmpty()) {
                return "failing tests on one side only";
            }
            if (!plain.failingTests().containsAll(fast.failingTests()) && plain.failingTests().size() < 50) {
                return "the fast path names a test the naive run passed";
            }
        }
        return null;
    }

    private static String describe(Result r) {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        r.plain().forEach(p -> verdicts.merge(p.verdict(), 1, Integer::sum));
        int n = r.candidates().size();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "corpus %s (%s): %d candidates on %d programs, verdicts %s%n", r.corpus().name(),
                r.corpus().what(), n, r.corpus().programs().size(), verdicts));
        b.append(String.format(Locale.ROOT, "  naive: %.1f s (%.1f candidates/min, p50 %d ms, p95 %d ms)%n", r.plainMs() / 1000.0,
                n / (r.plainMs() / 60000.0), pct(r.plain(), 50), pct(r.plain(), 95)));
        b.append(String.format(Locale.ROOT, "  fast:  %.1f s (%.1f candidates/min, p50 %d ms, p95 %d ms; baseline builds %.1f s; %d candidate(s) "
                        + "took the cold path)%n", r.fastMs() / 1000.0, n / (r.fastMs() / 60000.0), pct(r.fast(), 50), pct(r.fast(), 95),
                r.buildMs() / 1000.0, r.fellBack()));
        b.append(r.perProgram());
        b.append(String.format(Locale.ROOT, "  verdicts agree: %d of %d%n", n - r.disagreements().size(), n));
        r.disagreements().forEach(d -> b.append("  DISAGREE ").append(d).append('\n'));
        b.append(String.format(Locale.ROOT, "  %s speedup: %.1fx%n", r.corpus().name(), r.speedup()));
        return b.toString();
    }

    private static long pct(List<Run> runs, int p) {
        List<Long> ms = runs.stream().map(Run::ms).sorted().toList();
        if (ms.isEmpty()) {
            return 0;
        }
        return ms.get(Math.max(0, Math.min(ms.size() - 1, (int) Math.ceil(p / 100.0 * ms.size()) - 1)));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
