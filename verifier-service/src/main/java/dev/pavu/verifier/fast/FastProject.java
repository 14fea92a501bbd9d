package dev.pavu.verifier.fast;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.fast.FastJudge.Phase;
import dev.pavu.verifier.fast.RunResults.TestTime;
import dev.pavu.verifier.fast.WarmJvms.Exec;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.gate.RunContext;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.workspace.diff.ChangeKind;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast path for one built JVM project (one source at one commit): the baseline was built once by Maven
 * ({@link FastPath#open}); each candidate's changed {@code .java} files are compiled alone with
 * {@code javax.tools} against the baseline's classes and test classpath, and the test suite runs in a warm
 * JVM ({@code PavuFastRunner}, in the sandbox, without network) in a fresh class loader per candidate.
 * A candidate that hangs or leaves the JVM unusable gets the JVM killed; the next candidate starts a new one.
 * The concerns live beside it: {@link FastCompiler} (javac), {@link WarmJvms} (the JVMs and their protocol),
 * {@link RunResults} (what a run wrote), {@link FastJudge} (the verdict in the cold path's terms).
 *
 * <p>Not thread-safe: one candidate at a time (the verifier's worker is sequential).
 */
public final class FastProject implements AutoCloseable {

    /** Why a candidate that changes more than Java sources takes the cold path. */
    static final String NOT_JAVA_ONLY = "the candidate changes more than Java sources under src/main/java and src/test/java";

    /** Per-test limit while timing the baseline's tests, ms. */
    private static final long CALIBRATION_TEST_LIMIT_MS = 10_000;
    /** Wall-clock limit of one timing run of the baseline's tests. */
    private static final Duration CALIBRATION_WALL = Duration.ofMinutes(2);

    private final Path dir;
    private final Path base;
    private final SurefireReports limits;
    private final TestBudget budget;
    private long baselineSlowestMs = -1;
    private long calibrationMs;
    /** Stop a run at its first failing test (JUnit Vintage runs: the cold path's surefire JUnit 4 provider does). */
    private final boolean stopAtFirstFailure;
    private final AtomicLong sequence = new AtomicLong();
    /** The run's memory limit (the cold path's cgroup), bytes; the warm JVM sizes its default heap from it. */
    private final long memoryBytes;
    private final WarmJvms jvms;
    private final FastCompiler compiler;

    /**
     * @param jvm                what its warm JVMs start from (its directory and baseline among them)
     * @param compiler           compiles a candidate's changed sources against the baseline
     * @param limits             how much of a failure's message and stack trace is kept
     * @param budget             how short the per-test limit may be
     * @param stopAtFirstFailure stop a run at its first failing test (JUnit Vintage runs)
     */
    FastProject(WarmJvm.Setup jvm, FastCompiler compiler, SurefireReports limits, TestBudget budget, boolean stopAtFirstFailure) {
        this.memoryBytes = jvm.memoryBytes();
        this.stopAtFirstFailure = stopAtFirstFailure;
        this.budget = budget;
        this.dir = jvm.dir();
        this.base = jvm.base();
        this.limits = limits;
        this.jvms = new WarmJvms(jvm, sequence);
        this.compiler = compiler;
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
        return jvms.starts();
    }

    /** @return how many warm JVMs ran tests: the first one and each replacement after a kill */
    public int jvmsUsed() {
        return jvms.used();
    }

    /** @return how many replacements were a spare JVM started beforehand (so no candidate waited for its start) */
    public int sparesTaken() {
        return jvms.sparesTaken();
    }

    /** @return the time runs waited for a warm JVM to start (first start and restarts without a ready spare), ms */
    public long jvmStartWaitMs() {
        return jvms.startWaitMs();
    }

    /** @return whether a spare JVM is started and alive (for tests) */
    boolean hasSpare() {
        return jvms.hasSpare();
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
                Path cand = RunContainment.freshDir(dir, Long.toString(id));
                try {
                    Path classes = Files.createDirectories(cand.resolve("classes"));
                    Exec run = jvms.execute(new WarmJvms.RunOrder(id, cand, classes, perTest, List.of(), 0, 0, false),
                            RunContext.startingNow(CALIBRATION_WALL, new OutputCapture(0, 0, null), RunWatch.NONE));
                    if (run.answer() == null) {
                        Log.infof("fast path %s: the baseline's tests did not finish within %s; per-test limit stays the cold path's",
                                dir, CALIBRATION_WALL);
                        return;
                    }
                    List<TestTime> times = RunResults.readTimes(run.result());
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
            jvms.allowSpare();
        }
    }

    /**
     * No timing of the baseline; the spare JVM starts now. For JUnit Vintage runs, which take no per-test limit from
     * the verifier (JUnit 4 tests keep their own {@code @Test(timeout=…)} and rules, as under surefire's JUnit 4
     * provider), and when the fast per-test limit is the cold path's ({@code test-limit-floor=0}, the default).
     */
    void skipCalibration() {
        jvms.allowSpare();
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
     * @return the fast path's verdict ({@link FastAttempt.Judged}); {@link FastAttempt.NotTaken} when this candidate
     *         needs the cold path by design (it touches more than Java sources, deletes a file, or its diff cannot be
     *         read here); {@link FastAttempt.Failed} when the fast path's own machinery failed
     *         ({@link #machineryFailure}, javac breaking down, an unreadable result): the caller verifies it on the cold path
     */
    public FastAttempt verify(String diff, Duration timeout, List<String> testsFirst, OutputCapture log, RunWatch watch) {
        long id = sequence.incrementAndGet();
        Path cand = null;
        long t0 = System.nanoTime();
        RunContext run = new RunContext(timeout, t0 + timeout.toNanos(), log, watch);
        try {
            cand = RunContainment.freshDir(dir, Long.toString(id));
            Path src = cand.resolve("src");
            Path classes = Files.createDirectories(cand.resolve("classes"));
            List<Path> sources = new ArrayList<>();
            if (!diff.isBlank()) {
                List<FilePatch> patches;
                try {
                    patches = UnifiedDiffs.parse(diff);
                } catch (PatchRejectedException e) {
                    return new FastAttempt.NotTaken("the diff cannot be read on the fast path"); // the cold path reports it as always
                }
                for (FilePatch fp : patches) {
                    if (fp.kind() == ChangeKind.DELETE || !fp.path().endsWith(".java")
                            || !(fp.path().startsWith("src/main/java/") || fp.path().startsWith("src/test/java/"))) {
                        return new FastAttempt.NotTaken(NOT_JAVA_ONLY);
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
                    return new FastAttempt.Judged(GateOutcome.early(Verdict.ERROR,
                            (e.reason() == PatchRejectedException.Reason.DOES_NOT_APPLY ? "the patch does not apply: "
                                    : "the patch was refused (" + e.reason().name().toLowerCase().replace('_', ' ') + "): ") + e.getMessage()));
                }
                String errors = compiler.compile(sources, classes, src);
                long staticMs = (System.nanoTime() - t0) / 1_000_000;
                if (errors != null) {
                    String why = "does not compile: " + errors;
                    RunResults.note(log, why);
                    return new FastAttempt.Judged(new GateOutcome(Verdict.FAIL, why, List.of(new GateResult(MavenGates.STATIC, Verdict.FAIL,
                            staticMs, why + " (fast path)")), List.of(), 0, 0));
                }
            }
            long staticMs = (System.nanoTime() - t0) / 1_000_000;
            GateResult compiled = new GateResult(MavenGates.STATIC, Verdict.PASS, staticMs, "compiled (fast path)");
            long usedMs = 0;
            if (!testsFirst.isEmpty()) {
                RunResults.note(log, "running the plan's tests first: " + String.join(", ", testsFirst));
                Phase first = phase(id, cand, classes, testsFirst, usedMs, run);
                Optional<String> broke = machineryFailure(first);
                if (broke.isPresent()) {
                    return new FastAttempt.Failed(broke.get());
                }
                GateOutcome decided = FastJudge.judge(first, compiled, timeout, true, memoryBytes);
                if (decided != null) {
                    return new FastAttempt.Judged(decided);
                }
                usedMs = first.virtualMs();
                RunResults.note(log, "the tests run first passed; running the whole suite");
                id = sequence.incrementAndGet();
                Path next = RunContainment.freshDir(dir, Long.toString(id));
                Files.move(classes, next.resolve("classes"));
                delete(cand);
                cand = next;
                classes = next.resolve("classes");
            }
            Phase all = phase(id, cand, classes, List.of(), usedMs, run);
            Optional<String> broke = machineryFailure(all);
            return broke.<FastAttempt>map(FastAttempt.Failed::new)
                    .orElseGet(() -> new FastAttempt.Judged(judged(all, compiled, timeout)));
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("fast path failed for a candidate (%s); using the cold path", e.getMessage());
            return new FastAttempt.Failed(e.getMessage());
        } catch (RuntimeException e) {
            // javac breaking down, a result line that does not parse …: the fast path's fault, never the candidate's verdict
            Log.warnf(e, "fast path failed for a candidate; using the cold path");
            return new FastAttempt.Failed(e.toString());
        } finally {
            if (cand != null) {
                delete(cand);
            }
        }
    }

    /**
     * The fast path's own failure in a run, as opposed to the candidate's verdict: the warm JVM exited during the tests
     * (it crashed, a test halted it, or the kernel killed it at a cap — the cold path, in the same sandbox, tells which
     * verdict that is), or the runner recorded a throwable of its own ({@code (runner)#run}: the JUnit Platform's
     * execution broke down). A run out of memory, a timeout or failing tests are verdicts, not failures.
     *
     * @param p a run
     * @return the cause, or empty when the run can be judged
     */
    static Optional<String> machineryFailure(Phase p) throws IOException {
        if (p.exec().answer() == null) {
            return Optional.ofNullable(p.exec().crash());
        }
        if (RunResults.outOfMemory(p.exec().result())) {
            return Optional.empty();
        }
        return RunResults.runnerError(p.exec().result()).map(m -> "the fast runner failed: " + m);
    }

    private GateOutcome judged(Phase p, GateResult compiled, Duration timeout) {
        try {
            return FastJudge.judge(p, compiled, timeout, false, memoryBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One run of the warm JVM for a candidate: the plan's tests first, or the whole suite.
     *
     * @param only         test ids to run; empty = all
     * @param usedBeforeMs the candidate's time used by earlier runs, ms (as the cold path would have spent it)
     * @param run          the candidate's limit, deadline, log and stop signal
     */
    private Phase phase(long id, Path cand, Path classes, List<String> only, long usedBeforeMs, RunContext run) throws IOException {
        Duration timeout = run.timeout();
        OutputCapture log = run.log();
        // the cold path starts Maven at once and gives each test a third of what is left then; the fast path's own
        // compile time is not the cold path's, so the limit is counted from the candidate's limit minus earlier phases
        long cold = MavenGates.perTestTimeoutMs(Math.max(1, timeout.toMillis() - usedBeforeMs));
        long limit = perTestLimitMs(cold);
        if (stopAtFirstFailure) {
            RunResults.note(log, "fast path: changed sources compiled alone, JUnit 3/4 tests on JUnit Vintage in the warm JVM with their own time "
                    + "limits, as under surefire's JUnit 4 provider; stops at the first failing test");
        } else {
            RunResults.note(log, "fast path: changed sources compiled alone, tests in the warm JVM; per-test limit " + limit + " ms ("
                    + (limit == cold ? "the cold path's" : "max(" + budget.floorMs() + " ms, " + budget.factor() + " x the slowest baseline test "
                    + baselineSlowestMs + " ms); the cold path's is " + cold + " ms") + ")");
        }
        Exec e = jvms.execute(new WarmJvms.RunOrder(id, cand, classes, limit, only, Math.max(1, timeout.toMillis() - usedBeforeMs), cold,
                stopAtFirstFailure), run);
        if (e.answer() == null) {
            return new Phase(e, cold, limit, List.of(), null, 0, usedBeforeMs, false);
        }
        List<TestTime> times = RunResults.readTimes(e.result());
        long virtual = usedBeforeMs;
        for (TestTime t : times) {
            virtual += t.timedOut() ? cold : t.ms();
        }
        boolean stopped = RunResults.stopped(e.result());
        if (stopped) {
            RunResults.note(log, "stopped at the first failing test (the rest of the suite is not run, as surefire's skipAfterFailureCount=1)");
        }
        return new Phase(e, cold, limit, times, RunResults.readResult(e.result(), limits), virtual, usedBeforeMs, stopped);
    }

    static void delete(Path p) {
        dev.pavu.verifier.source.Workspaces.deleteRecursively(p);
    }

    @Override
    public void close() {
        jvms.close();
        compiler.close();
        delete(dir.resolve("cand"));
    }
}
