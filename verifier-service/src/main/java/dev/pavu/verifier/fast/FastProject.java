package dev.pavu.verifier.fast;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.OutputSink;
import dev.pavu.verifier.sandbox.ProcessRunner;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.SandboxedProcess;
import dev.pavu.workspace.diff.ChangeKind;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast path for one built JVM project (one source at one commit): the baseline was built once by Maven
 * ({@link FastPath#open}); each candidate's changed {@code .java} files are compiled alone with
 * {@code javax.tools} against the baseline's classes and test classpath, and the test suite runs in a warm
 * JVM ({@code PavuFastRunner}, in the sandbox, without network) in a fresh class loader per candidate.
 * A candidate that hangs or leaves the JVM unusable gets the JVM killed; the next candidate starts a new one.
 *
 * <p>Not thread-safe: one candidate at a time (the verifier's worker is sequential).
 */
public final class FastProject implements AutoCloseable {

    private static final String DONE = "PAVU-FAST-DONE ";
    private static final String DONE_RESTART = "PAVU-FAST-DONE-RESTART ";
    /** Per-test limit while timing the baseline's tests, ms. */
    private static final long CALIBRATION_TEST_LIMIT_MS = 10_000;
    /** Wall-clock limit of one timing run of the baseline's tests. */
    private static final Duration CALIBRATION_WALL = Duration.ofMinutes(2);

    private final Path dir;
    private final Path base;
    private final List<Path> classpath;
    private final List<Path> junitJars;
    private final Path depsFile;
    private final Path runnerDir;
    private final String release;
    private final Path javaHome;
    private final Sandbox sandbox;
    private final SurefireReports limits;
    private final TestBudget budget;
    private long baselineSlowestMs = -1;
    private long calibrationMs;
    private final boolean spareEnabled;
    /** The JVM that runs candidates; {@code null} until needed or after it was killed. */
    private Jvm runner;
    /** The next JVM, started in the background so that a restart does not wait for a JVM start; at most one. */
    private Jvm spare;
    /** Whether the baseline's timing is over (no spare during it: a JVM starting beside it would slow its tests). */
    private boolean calibrated;
    private final AtomicLong sequence = new AtomicLong();
    /** JVM starts, spares included, for statistics. */
    private int starts;
    /** JVMs that ran candidates (the first one and each replacement), for statistics. */
    private int used;
    /** Replacements that were a spare already started, for statistics. */
    private int sparesTaken;
    /** The run's memory limit (the cold path's cgroup), bytes; the warm JVM sizes its default heap from it. */
    private final long memoryBytes;
    /** Time candidates waited for a JVM to start, ms, for statistics. */
    private long startWaitMs;
    /** The caps of the warm JVM's sandbox, for its whole life (the cold path's caps of one run). */
    private final Limits runLimits;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    /** Opened on the first candidate that changes sources ({@link #fileManager}); closed with the project. */
    private StandardJavaFileManager fileManager;

    FastProject(Path dir, Path base, List<Path> classpath, List<Path> junitJars, Path depsFile, Path runnerDir, String release,
                Path javaHome, Sandbox sandbox, SurefireReports limits, TestBudget budget, boolean spareJvm, long memoryBytes,
                Limits runLimits) {
        this.memoryBytes = memoryBytes;
        this.runLimits = runLimits;
        this.budget = budget;
        this.spareEnabled = spareJvm;
        this.dir = dir;
        this.base = base;
        this.classpath = classpath;
        this.junitJars = junitJars;
        this.depsFile = depsFile;
        this.runnerDir = runnerDir;
        this.release = release;
        this.javaHome = javaHome;
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /**
     * How short the fast path's per-test limit may be (see {@link #perTestLimitMs}).
     *
     * @param floorMs the shortest per-test limit, ms; 0 = always the cold path's
     * @param factor  the limit is at least this many times the slowest baseline test
     */
    public record TestBudget(long floorMs, int factor) {
        public TestBudget {
            if (floorMs < 0 || factor < 1) {
                throw new IllegalArgumentException("fast-path test budget: floor must be >= 0 ms and factor >= 1, was " + floorMs + " ms, " + factor);
            }
        }
    }

    /** @return how many warm JVMs were started (spares included) */
    public int jvmStarts() {
        return starts;
    }

    /** @return how many warm JVMs ran tests: the first one and each replacement after a kill */
    public int jvmsUsed() {
        return used;
    }

    /** @return how many replacements were a spare JVM started beforehand (so no candidate waited for its start) */
    public int sparesTaken() {
        return sparesTaken;
    }

    /** @return the time runs waited for a warm JVM to start (first start and restarts without a ready spare), ms */
    public long jvmStartWaitMs() {
        return startWaitMs;
    }

    /** @return whether a spare JVM is started and alive (for tests) */
    boolean hasSpare() {
        return spare != null && spare.process().isAlive();
    }

    /**
     * Measures the baseline's tests in the warm JVM (twice: the first run also loads and compiles JUnit and the
     * project; the second gives the durations used) so that a candidate's per-test limit can be derived from
     * them ({@link #perTestLimitMs}). Baseline tests that hang are abandoned after 10 s and left out (the bug under
     * repair may be such a hang; the first run's times are then used); a baseline whose run does not end within
     * 2 minutes leaves the limit at the cold path's.
     *
     * @param limit the default candidate limit (the baseline's tests get the cold path's per-test limit of it)
     */
    void calibrate(Duration limit) {
        long t0 = System.nanoTime();
        // a baseline test that hangs (the bug under repair may be one) is abandoned after at most 10 s
        long perTest = Math.min(MavenGates.perTestTimeoutMs(limit.toMillis()), CALIBRATION_TEST_LIMIT_MS);
        try {
            for (int i = 0; i < 2; i++) {
                long id = sequence.incrementAndGet();
                Path cand = freshDir(Long.toString(id));
                try {
                    Path classes = Files.createDirectories(cand.resolve("classes"));
                    Exec run = execute(id, cand, classes, perTest, List.of(), 0, 0,
                            System.nanoTime() + CALIBRATION_WALL.toNanos(), new OutputCapture(0, 0, null), RunWatch.NONE);
                    if (run.answer() == null) {
                        Log.infof("fast path %s: the baseline's tests did not finish within %s; per-test limit stays the cold path's",
                                dir, CALIBRATION_WALL);
                        return;
                    }
                    List<TestTime> times = readTimes(run.result());
                    boolean hung = times.stream().anyMatch(TestTime::timedOut);
                    // the second run's times (JUnit and the project already loaded); the first one's when a baseline
                    // test hangs (its times are only longer: a limit from them is more lenient)
                    if (i == 1 || hung) {
                        baselineSlowestMs = times.stream().filter(t -> !t.timedOut()).mapToLong(TestTime::ms).max().orElse(0);
                        return;
                    }
                } finally {
                    delete(cand);
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("fast path %s: cannot measure the baseline's tests (%s); per-test limit stays the cold path's", dir, e.getMessage());
        } finally {
            calibrationMs = (System.nanoTime() - t0) / 1_000_000;
            calibrated = true;
            startSpare();
        }
    }

    /** @return the slowest baseline test in the warm JVM, ms; -1 when not measured */
    public long baselineSlowestTestMs() {
        return baselineSlowestMs;
    }

    /** @return time spent measuring the baseline's tests, ms */
    public long calibrationMs() {
        return calibrationMs;
    }

    /**
     * The per-test limit of a candidate's tests on the fast path: {@code max(floor, factor × the slowest baseline
     * test)}, never more than the cold path's per-test limit ({@code MavenGates.perTestTimeoutMs}); the cold
     * path's when the baseline was not measured. A test over it is abandoned and counted as having run the
     * cold path's limit (see {@link #verify}).
     *
     * @param coldPerTestMs the cold path's per-test limit for the time left, ms
     * @return the limit, ms
     */
    public long perTestLimitMs(long coldPerTestMs) {
        if (baselineSlowestMs < 0 || budget.floorMs() <= 0) {
            return coldPerTestMs;
        }
        return Math.min(coldPerTestMs, Math.max(budget.floorMs(), budget.factor() * baselineSlowestMs));
    }

    /**
     * Verifies one candidate, giving the cold path's verdict ({@code MavenGates}): compile errors as FAIL at
     * {@code static}; the plan's tests first when named (FAIL "(the plan's tests, run first)" when one fails),
     * then the whole suite; failing tests as FAIL; JUnit's per-test limit; TIMEOUT past the candidate's limit.
     *
     * <p>Per-test limit: the cold path gives each test {@code max(2 s, a third of the time left)} and a test over
     * it fails (named, kind {@code error}); the run gets TIMEOUT when the limit passes. The fast path gives each
     * test only {@link #perTestLimitMs} (the baseline's tests are fast, so a test far slower than its baseline is
     * taken to loop), then judges as if each test over it had run the cold path's whole per-test limit: FAIL
     * naming it, or TIMEOUT naming the class running when those limits add up past the candidate's limit. A
     * candidate whose test is merely slower than the fast limit but would finish within the cold path's is
     * judged differently (the price of not waiting; counted by {@code bench/verifier/run}).
     *
     * @param diff       the candidate's unified diff (blank = the baseline)
     * @param timeout    wall-clock limit of the candidate
     * @param testsFirst test ids ({@code Class#method}) to run before the whole suite; may be empty
     * @param log        the candidate's log
     * @param watch      asked whether to stop early
     * @return the outcome, or empty when this candidate needs the cold path (it touches more than Java
     *         sources, deletes a file, or its diff cannot be read here)
     */
    public Optional<GateOutcome> verify(String diff, Duration timeout, List<String> testsFirst, OutputCapture log, RunWatch watch) {
        long id = sequence.incrementAndGet();
        Path cand = null;
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        try {
            cand = freshDir(Long.toString(id));
            Path src = cand.resolve("src");
            Path classes = Files.createDirectories(cand.resolve("classes"));
            List<Path> sources = new ArrayList<>();
            if (!diff.isBlank()) {
                List<FilePatch> patches;
                try {
                    patches = UnifiedDiffs.parse(diff);
                } catch (PatchRejectedException e) {
                    return Optional.empty(); // the cold path reports it exactly as it always does
                }
                for (FilePatch fp : patches) {
                    if (fp.kind() == ChangeKind.DELETE || !fp.path().endsWith(".java")
                            || !(fp.path().startsWith("src/main/java/") || fp.path().startsWith("src/test/java/"))) {
                        return Optional.empty();
                    }
                    Path from = base.resolve(fp.path());
                    Path to = src.resolve(fp.path());
                    Files.createDirectories(to.getParent());
                    if (Files.exists(from)) {
                        Files.copy(from, to);
                    }
                    sources.add(to);
                }
                try {
                    UnifiedDiffs.apply(src, diff);
                } catch (PatchRejectedException e) {
                    return Optional.of(GateOutcome.early(Verdict.ERROR,
                            (e.reason() == PatchRejectedException.Reason.DOES_NOT_APPLY ? "the patch does not apply: "
                                    : "the patch was refused (" + e.reason().name().toLowerCase().replace('_', ' ') + "): ") + e.getMessage()));
                }
                String errors = compile(sources, classes, src);
                long staticMs = (System.nanoTime() - t0) / 1_000_000;
                if (errors != null) {
                    String why = "does not compile: " + errors;
                    note(log, why);
                    return Optional.of(new GateOutcome(Verdict.FAIL, why, List.of(new GateResult(MavenGates.STATIC, Verdict.FAIL, staticMs,
                            why + " (fast path)")), List.of(), 0, 0));
                }
            }
            long staticMs = (System.nanoTime() - t0) / 1_000_000;
            GateResult compiled = new GateResult(MavenGates.STATIC, Verdict.PASS, staticMs, "compiled (fast path)");
            long usedMs = 0;
            if (!testsFirst.isEmpty()) {
                note(log, "running the plan's tests first: " + String.join(", ", testsFirst));
                Phase first = phase(id, cand, classes, testsFirst, deadline, usedMs, timeout, log, watch);
                GateOutcome decided = judge(first, compiled, timeout, true);
                if (decided != null) {
                    return Optional.of(decided);
                }
                usedMs = first.virtualMs();
                note(log, "the tests run first passed; running the whole suite");
                id = sequence.incrementAndGet();
                Path next = freshDir(Long.toString(id));
                Files.move(classes, next.resolve("classes"));
                delete(cand);
                cand = next;
                classes = next.resolve("classes");
            }
            Phase all = phase(id, cand, classes, List.of(), deadline, usedMs, timeout, log, watch);
            return Optional.of(judge(all, compiled, timeout, false));
        } catch (IOException e) {
            Log.warnf("fast path failed for a candidate (%s); using the cold path", e.getMessage());
            return Optional.empty();
        } finally {
            if (cand != null) {
                delete(cand);
            }
        }
    }

    private String compile(List<Path> sources, Path out, Path srcRoot) throws IOException {
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StandardJavaFileManager fm = fileManager();
        fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
        List<String> opts = new ArrayList<>(List.of("-proc:none", "-implicit:none", "-g", "-nowarn", "-encoding", "UTF-8", "-Xlint:none"));
        if (release != null) {
            opts.addAll(List.of("--release", release));
        }
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
        Boolean ok = javac.getTask(null, fm, diags, opts, null, units).call();
        if (Boolean.TRUE.equals(ok)) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "?" : srcRoot.relativize(Path.of(d.getSource().toUri())).toString();
            String msg = d.getMessage(java.util.Locale.ROOT).lines().findFirst().orElse("").trim();
            String e = file + ":[" + d.getLineNumber() + "," + d.getColumnNumber() + "] " + msg;
            if (!errors.contains(e)) {
                errors.add(e);
            }
            if (errors.size() == 3) {
                break;
            }
        }
        return errors.isEmpty() ? "javac failed" : String.join("; ", errors);
    }

    /** One run of the warm JVM with what it means for the verdict. */
    private record Phase(Exec exec, long coldPerTestMs, long limitMs, List<TestTime> times, TestReport report, long virtualMs,
                         long usedBeforeMs) {
    }

    private Phase phase(long id, Path cand, Path classes, List<String> only, long deadline, long usedBeforeMs, Duration timeout,
                        OutputCapture log, RunWatch watch) throws IOException {
        // the cold path starts Maven at once and gives each test a third of what is left then; the fast path's own
        // compile time is not the cold path's, so the limit is counted from the candidate's limit minus earlier phases
        long cold = MavenGates.perTestTimeoutMs(Math.max(1, timeout.toMillis() - usedBeforeMs));
        long limit = perTestLimitMs(cold);
        note(log, "fast path: changed sources compiled alone, tests in the warm JVM; per-test limit " + limit + " ms ("
                + (limit == cold ? "the cold path's" : "max(" + budget.floorMs() + " ms, " + budget.factor() + " x the slowest baseline test "
                + baselineSlowestMs + " ms); the cold path's is " + cold + " ms") + ")");
        Exec e = execute(id, cand, classes, limit, only, Math.max(1, timeout.toMillis() - usedBeforeMs), cold, deadline, log, watch);
        if (e.answer() == null) {
            return new Phase(e, cold, limit, List.of(), null, 0, usedBeforeMs);
        }
        List<TestTime> times = readTimes(e.result());
        long virtual = usedBeforeMs;
        for (TestTime t : times) {
            virtual += t.timedOut() ? cold : t.ms();
        }
        return new Phase(e, cold, limit, times, readResult(e.result()), virtual, usedBeforeMs);
    }

    private GateOutcome judge(Phase p, GateResult compiled, Duration timeout, boolean testsFirstPhase) throws IOException {
        Exec e = p.exec();
        long testsMs = e.ms();
        if (e.answer() == null) {
            if (e.stopped() != null) {
                return new GateOutcome(Verdict.SKIPPED, "stopped: " + e.stopped(), List.of(compiled,
                        new GateResult(MavenGates.TESTS, Verdict.SKIPPED, testsMs, e.stopped() + " (fast path)")), List.of(), 0, 0);
            }
            if (e.crashed()) {
                String why = "the test JVM crashed: the warm JVM exited during the tests";
                return new GateOutcome(Verdict.FAIL, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs,
                        why + " (fast path)")), List.of(), 0, 0);
            }
            String where = e.lastClass() == null ? "in the tests gate" : "in the tests gate, while running " + e.lastClass();
            String why = "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis() + " ms) " + where
                    + "; the warm JVM was killed";
            List<TestFailure> named = e.lastClass() == null ? List.of()
                    : List.of(new TestFailure(e.lastClass(), e.lastClass(), null, "error", "did not finish: " + why, null));
            return new GateOutcome(Verdict.TIMEOUT, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.TIMEOUT, testsMs,
                    why + " (fast path)")), named, 0, named.size());
        }
        if (Files.readAllLines(e.result(), StandardCharsets.UTF_8).contains("OOM\ttrue")) {
            String why = "memory exhausted in the tests gate: the test JVM's heap" + (memoryBytes > 0 ? " (capped at "
                    + dev.pavu.verifier.sandbox.Limits.human(heapBytes(memoryBytes)) + " under the run's memory limit of "
                    + dev.pavu.verifier.sandbox.Limits.human(memoryBytes) + ")" : "") + " stayed full after a collection or ran out (OutOfMemoryError)";
            return new GateOutcome(Verdict.ERROR, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.ERROR, testsMs,
                    why + " (fast path)")), List.of(), 0, 0);
        }
        TestReport rep = p.report();
        List<TestTime> over = p.times().stream().filter(TestTime::timedOut).toList();
        if (!over.isEmpty() && p.virtualMs() >= timeout.toMillis()) {
            return timedOutByLimits(p, over, compiled, timeout);
        }
        if (rep.testsFailed() > 0) {
            String why = MavenGates.failedReason(rep, testsFirstPhase);
            String detail = why + (over.isEmpty() ? "" : "; " + overLimit(p, over)) + " (fast path)";
            return new GateOutcome(Verdict.FAIL, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs, detail)),
                    rep.failures(), rep.testsRun(), rep.testsFailed());
        }
        if (testsFirstPhase) {
            return null;
        }
        String why = rep.testsRun() == 0 ? "the build passed; no tests ran" : "all " + rep.testsRun() + " tests passed";
        return new GateOutcome(Verdict.PASS, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.PASS, testsMs,
                why + " (fast path)")), List.of(), rep.testsRun(), 0);
    }

    /**
     * The cold path's TIMEOUT when the tests over the fast limit, each counted at the cold path's per-test limit,
     * add up past the candidate's limit: the class running at that moment is named, the failures of the classes
     * finished before it are kept (surefire writes a class's report when the class ends).
     */
    private GateOutcome timedOutByLimits(Phase p, List<TestTime> over, GateResult compiled, Duration timeout) {
        long t = p.usedBeforeMs();
        String running = null;
        for (TestTime x : p.times()) {
            t += x.timedOut() ? p.coldPerTestMs() : x.ms();
            if (t >= timeout.toMillis()) {
                running = x.className();
                break;
            }
        }
        String cls = running;
        List<TestFailure> failures = new ArrayList<>();
        java.util.Set<String> before = new java.util.HashSet<>();
        for (TestTime x : p.times()) {
            if (x.className().equals(cls)) {
                break;
            }
            before.add(x.className());
        }
        p.report().failures().stream().filter(f -> before.contains(f.className())).forEach(failures::add);
        String why = "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis()
                + " ms) in the tests gate, while running " + cls + "; the warm JVM was killed";
        failures.add(new TestFailure(cls, cls, null, "error", "did not finish: " + why, null));
        return new GateOutcome(Verdict.TIMEOUT, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.TIMEOUT, p.exec().ms(),
                why + "; " + overLimit(p, over) + " (fast path)")), failures, p.report().testsRun(), failures.size());
    }

    private static String overLimit(Phase p, List<TestTime> over) {
        return over.size() + (over.size() == 1 ? " test" : " tests") + " over the fast per-test limit of " + p.limitMs()
                + " ms, each counted as the cold path's " + p.coldPerTestMs() + " ms: "
                + String.join(", ", over.stream().limit(5).map(x -> x.className() + "#" + x.method()).toList());
    }

    /** How the warm JVM's run ended: {@code answer} null = no answer (timed out, crashed or stopped). */
    private record Exec(String answer, boolean crashed, String stopped, String lastClass, long ms, Path result) {
    }

    /**
     * Runs the tests once in the warm JVM.
     *
     * @param perTestMs     JUnit's per-test limit, ms
     * @param only          test ids to run; empty = all
     * @param budgetMs      time left of the candidate's limit, ms, against which the runner counts each abandoned test
     *                      at {@code coldPerTestMs} and stops once it is used up; 0 = never
     * @param coldPerTestMs the cold path's per-test limit, ms
     * @param deadline      wall-clock deadline ({@link System#nanoTime()})
     */
    private Exec execute(long id, Path cand, Path classes, long perTestMs, List<String> only, long budgetMs, long coldPerTestMs,
                         long deadline, OutputCapture log, RunWatch watch) throws IOException {
        ensureRunner();
        Path result = cand.resolve("result.tsv");
        Path output = cand.resolve("output.txt");
        long t0 = System.nanoTime();
        String line = "RUN\t" + id + "\t" + classes + "\t" + result + "\t" + output + "\t" + perTestMs + "\t" + String.join(",", only)
                + "\t" + budgetMs + "\t" + coldPerTestMs + "\n";
        Jvm jvm = runner;
        OutputStream stdin = jvm.process().getOutputStream();
        stdin.write(line.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String answer = null;
        String stopped = null;
        String lastClass = null;
        String classPrefix = "PAVU-FAST-CLASS " + id + " ";
        long nextWatch = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (answer == null) {
            try {
                String l = jvm.protocol().poll(20, TimeUnit.MILLISECONDS);
                if (l != null && (doneFor(l, DONE, id) || doneFor(l, DONE_RESTART, id))) {
                    answer = l;
                    break;
                }
                if (l != null && l.startsWith(classPrefix)) {
                    lastClass = l.substring(classPrefix.length());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "the verifier is shutting down";
                break;
            }
            if (!jvm.process().isAlive() && jvm.protocol().isEmpty()) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            if (System.nanoTime() >= nextWatch) {
                nextWatch = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                Optional<String> why = watch.cancelReason();
                if (why.isPresent()) {
                    stopped = why.get();
                    break;
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        appendOutput(output, log);
        boolean crashed = false;
        if (answer == null) {
            crashed = !jvm.process().isAlive() && stopped == null && System.nanoTime() < deadline;
            killRunner();
        } else if (answer.startsWith(DONE_RESTART)) {
            note(log, "the warm JVM is restarted after this candidate (memory exhausted, a test abandoned after its limit, or threads left running)");
            killRunner();
        } else {
            leftBehind(jvm, answer).ifPresent(why -> {
                note(log, "the warm JVM is restarted after this candidate: " + why);
                killRunner();
            });
        }
        if (answer == null) {
            jvm.sandboxed().limitHit().ifPresent(why -> note(log, "the warm JVM's sandbox: " + why));
        } else if (!Files.isRegularFile(result, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            killRunner();
            throw new IOException("the warm JVM answered but " + result + " is not a regular file");
        }
        return new Exec(answer, crashed, stopped, lastClass, ms, result);
    }

    // ---- containment of the warm JVM: its sandbox, a fresh directory per run, nothing of a run alive at the next ----

    /** @return whether {@code line} is the runner's answer {@code <prefix><id>} (optionally followed by {@code  threads=N}) */
    private static boolean doneFor(String line, String prefix, long id) {
        String head = prefix + id;
        return line.equals(head) || line.startsWith(head + " ");
    }

    /**
     * What a run left alive in the warm JVM (threads it started, counted by the runner, daemon threads included) or
     * in its sandbox (processes beyond those present when the JVM was ready); such a JVM is not reused, so nothing of
     * one candidate runs when the next one starts.
     *
     * @return why the JVM must be replaced, or empty
     */
    private static Optional<String> leftBehind(Jvm jvm, String answer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" threads=(\\d+)").matcher(answer);
        long threads = m.find() ? Long.parseLong(m.group(1)) : -1;
        long processes = jvm.sandboxed().liveDescendants() - jvm.baseline().get();
        if (threads < 0) {
            return Optional.of("the runner did not report the threads left running");
        }
        if (threads == 0 && processes <= 0) {
            return Optional.empty();
        }
        return Optional.of(threads + " thread(s) and " + Math.max(0, processes) + " process(es) it started still running");
    }

    /**
     * A new directory for one run, {@code cand/<name>-<random>}: created here (it did not exist, so nothing was
     * planted in it), readable by the warm JVM; its name cannot be guessed by an earlier run.
     */
    private Path freshDir(String name) throws IOException {
        Path parent = Files.createDirectories(dir.resolve("cand"));
        return Files.createDirectory(parent.resolve(name + "-" + java.util.UUID.randomUUID()));
    }

    /** One test's time in the warm JVM, in the order the tests finished. */
    private record TestTime(String className, String method, long ms, boolean timedOut) {
    }

    private static List<TestTime> readTimes(Path result) throws IOException {
        List<TestTime> out = new ArrayList<>();
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            if (p[0].equals("TEST") && p.length >= 5) {
                out.add(new TestTime(unesc(p[1]), unesc(p[2]), Long.parseLong(p[3]), Boolean.parseBoolean(p[4])));
            }
        }
        return out;
    }

    private TestReport readResult(Path result) throws IOException {
        int run = 0;
        int skipped = 0;
        int failed = 0;
        List<TestFailure> failures = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            switch (p[0]) {
                case "RUN" -> run = Integer.parseInt(p[1]);
                case "SKIPPED" -> skipped = Integer.parseInt(p[1]);
                case "FAIL" -> {
                    failed++;
                    String cls = unesc(p[1]);
                    String method = unesc(p[2]);
                    TestFailure f = new TestFailure(cls + "#" + method, cls, method, p[3],
                            SurefireReports.truncate(unesc(p[4]), limits.messageChars()),
                            SurefireReports.truncate(unesc(p[5]).strip(), limits.stackTraceChars()));
                    if (failures.size() < limits.maxFailures() && seen.add(f.testId())) {
                        failures.add(f);
                    }
                }
                default -> {
                }
            }
        }
        return new TestReport(run, failed, skipped, failures, 1);
    }

    private static String unesc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A started warm JVM: its sandboxed process, its protocol lines ({@code PAVU-FAST-…}), the rest of its output, and
     * the processes of its sandbox once it was ready ({@link SandboxedProcess#liveDescendants}).
     */
    private record Jvm(SandboxedProcess sandboxed, BlockingQueue<String> protocol, OutputCapture log, AtomicLong baseline) {
        Process process() {
            return sandboxed.process();
        }
    }

    /**
     * Makes sure a warm JVM is ready for a run: the current one, else the spare (started earlier, normally ready by
     * now), else a new one (the run waits for its start). A replacement starts the next spare in the background.
     */
    private void ensureRunner() throws IOException {
        if (runner != null && runner.process().isAlive() && runLimits.cpuSeconds() > 0 && runner.sandboxed().cpuSeconds() > runLimits.cpuSeconds() / 2) {
            // RLIMIT_CPU counts the JVM's whole life: replace it before a candidate could be killed by the earlier ones' CPU time
            Log.infof("fast path %s: the warm JVM used %d s of its %d s CPU limit; starting a new one", dir,
                    runner.sandboxed().cpuSeconds(), runLimits.cpuSeconds());
            killRunner();
        }
        if (runner != null && runner.process().isAlive()) {
            return;
        }
        killRunner();
        Jvm next = spare;
        spare = null;
        boolean fromSpare = next != null && next.process().isAlive();
        if (!fromSpare) {
            kill(next);
            next = launch();
        }
        long t0 = System.nanoTime();
        awaitReady(next);
        startWaitMs += (System.nanoTime() - t0) / 1_000_000;
        runner = next;
        used++;
        sparesTaken += fromSpare ? 1 : 0;
        startSpare();
    }

    /**
     * Starts the spare JVM in the background (when enabled, after the baseline's timing, and none is alive) and
     * has it discover the baseline's tests without running any, so that JUnit's discovery is loaded when it takes
     * over. Never throws: without a spare the next restart waits for a start, as before.
     */
    private void startSpare() {
        if (!spareEnabled || !calibrated || hasSpare()) {
            return;
        }
        kill(spare);
        spare = null;
        try {
            Jvm j = launch();
            long id = sequence.incrementAndGet();
            Path warm = freshDir("warm-" + id);
            Path classes = Files.createDirectories(warm.resolve("classes"));
            // a test id that matches no test: discovery only (loads the engine and the test classes, runs nothing)
            String line = "RUN\t" + id + "\t" + classes + "\t" + warm.resolve("result.tsv") + "\t" + warm.resolve("output.txt")
                    + "\t0\tpavu.NoSuchTest#warmUp\t0\t0\n";
            j.process().getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            j.process().getOutputStream().flush();
            spare = j;
        } catch (IOException | RuntimeException e) {
            Log.debugf("fast path %s: no spare JVM (%s)", dir, e.getMessage());
        }
    }

    /**
     * Starts a warm JVM without waiting for it, in the sandbox ({@link Sandbox#start}) with the cold path's caps: the
     * JVM sees the baseline, the runner, the JDK and the dependencies read-only and only {@code cand/} writable (each
     * run's own fresh directory below it, see {@link #freshDir}).
     */
    private Jvm launch() throws IOException {
        Path work = Files.createDirectories(dir.resolve("cand"));
        // the cold path runs surefire's JVM under the run's cgroup memory cap, which that JVM does not see (no /sys in
        // the sandbox: it sizes its heap from the machine's memory), so a runaway allocation there ends when the
        // kernel kills the run at the cap (ERROR). The warm JVM's heap is capped that much, less what Maven's own JVM
        // and the test JVM's non-heap take on the cold path, and its memory watch (PavuFastRunner.Memory) decides the
        // run as soon as the heap stays full after a collection; MaxRAM sizes the rest of its ergonomics alike.
        List<String> jvm = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        if (memoryBytes > 0) {
            jvm.add("-XX:MaxRAM=" + memoryBytes);
            jvm.add("-Xmx" + heapBytes(memoryBytes));
        }
        jvm.addAll(List.of("-cp",
                String.join(java.io.File.pathSeparator, concat(runnerDir, junitJars)),
                "PavuFastRunner", depsFile.toString(), base.resolve("target/classes").toString(),
                base.resolve("target/test-classes").toString()));
        List<Path> ro = new ArrayList<>(List.of(base, runnerDir, depsFile, javaHome));
        ro.addAll(classpath);
        ro.addAll(junitJars);
        SandboxedProcess sp = sandbox.start(new ExecRequest(jvm, work, Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", "/tmp",
                "JAVA_HOME", javaHome.toString()), Duration.ofDays(1), false, List.of(), ro, new OutputCapture(0, 0, null), null, runLimits));
        Process p = sp.process();
        starts++;
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        OutputCapture rl = new OutputCapture(64 * 1024, 64 * 1024, null);
        Thread.ofVirtual().name("fast-runner-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith("PAVU-FAST-")) {
                        q.add(l);
                    } else {
                        byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
                        rl.write(b, 0, b.length);
                    }
                }
            } catch (IOException e) {
                // the JVM is gone
            }
        });
        return new Jvm(sp, q, rl, new AtomicLong());
    }

    /** Waits (at most 60 s) for a JVM's {@code PAVU-FAST-READY}; kills it and throws when it does not come. */
    private void awaitReady(Jvm j) throws IOException {
        try {
            String ready = j.protocol().poll(60, TimeUnit.SECONDS);
            if (!"PAVU-FAST-READY".equals(ready)) {
                String out = j.log().text();
                kill(j);
                throw new IOException("the warm JVM did not start: " + (ready == null ? "no answer within 60 s" : ready) + " " + out);
            }
            j.baseline().set(j.sandboxed().liveDescendants());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(j);
            throw new IOException("interrupted while starting the warm JVM");
        }
    }

    /**
     * The warm JVM's heap cap for a run memory limit: the limit less what the cold path spends beside the tests'
     * heap under the same cgroup (Maven's JVM, about 300–450 MB resident here, and the test JVM's non-heap), i.e.
     * {@code limit - min(512 MB, limit / 4)}.
     *
     * @param memoryBytes the run's memory limit, bytes (&gt; 0)
     * @return the heap cap, bytes
     */
    static long heapBytes(long memoryBytes) {
        return memoryBytes - Math.min(512L * 1024 * 1024, memoryBytes / 4);
    }

    private static List<String> concat(Path first, List<Path> rest) {
        List<String> out = new ArrayList<>();
        out.add(first.toString());
        rest.forEach(p -> out.add(p.toString()));
        return out;
    }

    private void killRunner() {
        kill(runner);
        runner = null;
    }

    private static void kill(Jvm j) {
        if (j != null) {
            j.sandboxed().close();
        }
    }

    private static void appendOutput(Path output, OutputSink log) {
        try {
            if (Files.exists(output)) {
                long size = Files.size(output);
                try (var in = Files.newInputStream(output)) {
                    byte[] b = in.readNBytes(512 * 1024);
                    log.write(b, 0, b.length);
                }
                if (size > 512 * 1024) {
                    note(log, "test output of " + size + " bytes; the first 512 KB are kept");
                }
            }
        } catch (IOException e) {
            Log.debugf("cannot copy test output: %s", e.getMessage());
        }
    }

    private static void note(OutputSink log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }

    static void delete(Path p) {
        dev.pavu.verifier.source.Workspaces.deleteRecursively(p);
    }

    /**
     * The project's javac file manager, opened once: it keeps the baseline's classpath (jars opened and indexed
     * once, not per candidate); each candidate sets only its own output directory.
     */
    private StandardJavaFileManager fileManager() throws IOException {
        if (fileManager == null) {
            fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
        }
        return fileManager;
    }

    @Override
    public void close() {
        killRunner();
        kill(spare);
        spare = null;
        if (fileManager != null) {
            try {
                fileManager.close();
            } catch (IOException e) {
                Log.debugf("cannot close the javac file manager: %s", e.getMessage());
            }
            fileManager = null;
        }
        delete(dir.resolve("cand"));
    }
}
