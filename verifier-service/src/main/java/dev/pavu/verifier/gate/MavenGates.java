package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.coverage.ProbeSetup;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.OutputSink;
import dev.pavu.verifier.sandbox.ProcessRunner;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenOutput;
import dev.pavu.verifier.toolchain.MavenToolchain;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The gates of a Maven project, in order, stopping at the first failure:
 * <ol>
 *   <li>{@code static}: compile main and test sources;</li>
 *   <li>{@code tests}: when the plan names tests to run first, those alone (fail fast), then the whole suite.</li>
 * </ol>
 * Both gates share one offline Maven run (two when tests run first); the boundary between them is the line
 * where Maven starts the surefire plugin, timed as the output streams in. The candidate's wall-clock limit
 * covers all of its Maven runs.
 */
@ApplicationScoped
public class MavenGates {

    /** Name of the compile gate in verdicts. */
    public static final String STATIC = "static";
    /** Name of the test gate in verdicts. */
    public static final String TESTS = "tests";

    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final SurefireReports reports;
    private final int maxCompilerErrors = 3;
    private final VerifierConfig.Sandbox sandboxConfig;
    /** The coverage probe of the run in progress on this thread, if any. */
    private final ThreadLocal<ProbeSetup> probe = new ThreadLocal<>();
    /** Goals (and their properties) the run in progress on this thread adds after {@code test}; empty = none. */
    private final ThreadLocal<List<String>> extraGoals = ThreadLocal.withInitial(List::of);

    public MavenGates(MavenToolchain maven, Sandbox sandbox, VerifierConfig config) {
        this.maven = maven;
        this.sandboxConfig = config.sandbox();
        this.sandbox = sandbox;
        this.reports = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                config.limits().maxFailingTests());
    }

    /**
     * Runs the gates on a prepared workspace.
     *
     * @param root       the project root (patch already applied)
     * @param testsFirst test ids to run before the whole suite; empty = run the suite only
     * @param timeout    wall-clock limit for all gates together
     * @param log        where the build output goes (capped)
     * @param watch      asked about once a second whether to stop early
     * @return the gates' outcome; TIMEOUT names the limit, SKIPPED means the watch stopped the run
     */
    public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch) {
        return run(root, testsFirst, timeout, log, watch, null);
    }

    /**
     * Runs the gates with a coverage probe on the test runs (see {@code dev.pavu.verifier.coverage}).
     *
     * @param probe extra Maven arguments and environment of every Maven run, or {@code null} for none
     * @see #run(Path, List, Duration, OutputCapture, RunWatch)
     */
    public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch,
                           ProbeSetup probe) {
        return run(root, testsFirst, timeout, log, watch, probe, List.of());
    }

    /**
     * Runs the gates with a coverage probe and more goals in the same Maven invocation, after {@code test} (the
     * baseline's run also writes the fast path's test classpath: {@code dev.pavu.verifier.fast.FastPath#CLASSPATH_GOALS}).
     * The test failures do not stop Maven ({@code -Dmaven.test.failure.ignore=true}), so the goals run after failing
     * tests too, not after a compile error.
     *
     * @param probe      extra Maven arguments and environment of every Maven run, or {@code null} for none
     * @param extraGoals goals and {@code -D} properties appended to every Maven run's command line; empty = none
     * @see #run(Path, List, Duration, OutputCapture, RunWatch)
     */
    public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch,
                           ProbeSetup probe, List<String> extraGoals) {
        this.probe.set(probe);
        this.extraGoals.set(List.copyOf(extraGoals));
        try {
            return runGates(root, testsFirst, timeout, log, watch);
        } finally {
            this.probe.remove();
            this.extraGoals.remove();
        }
    }

    private GateOutcome runGates(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<GateResult> gates = new ArrayList<>();
        Phase first;
        if (!testsFirst.isEmpty()) {
            note(log, "running the plan's tests first: " + String.join(", ", testsFirst));
            first = runMaven(root, testsFirst, deadline, timeout, log, watch);
            GateOutcome decided = judge(root, first, timeout, gates, true);
            if (decided != null) {
                return decided;
            }
            note(log, "the tests run first passed; running the whole suite");
        } else {
            first = null;
        }
        Phase all = runMaven(root, List.of(), deadline, timeout, log, watch);
        if (first != null) {
            all = all.after(first);
        }
        return judge(root, all, timeout, gates, false);
    }

    /** One Maven invocation, timed: static until surefire starts, tests from then on. */
    private record Phase(ExecResult result, long staticMs, long testsMs, boolean testsStarted, String output, TestReport report) {
        Phase after(Phase earlier) {
            return new Phase(result, earlier.staticMs + staticMs, earlier.testsMs + testsMs, testsStarted, output, report);
        }
    }

    private Phase runMaven(Path root, List<String> tests, long deadline, Duration timeout, OutputCapture log, RunWatch watch) {
        SurefireReports.clear(root);
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        long start = System.nanoTime();
        AtomicLong testsStart = new AtomicLong(0);
        // a private capture per run to judge it; its text is also appended to the candidate's log
        OutputCapture run = new OutputCapture(256 * 1024, 256 * 1024, line -> {
            if (testsStart.get() == 0 && MavenOutput.SUREFIRE_START.matcher(line).matches()) {
                testsStart.set(System.nanoTime());
            }
        });
        List<String> command = new ArrayList<>(maven.testCommand(tests, perTestTimeoutMs(remaining)));
        if (usesTestNg(root)) {
            // surefire's TestNG provider calls TestNG.addListener(ITestListener) for skipAfterFailureCount, which TestNG
            // 7 no longer has: the test JVM crashed. TestNG suites run to the end, bounded by their own limits
            command.removeIf(a -> a.startsWith("-D" + MavenToolchain.SKIP_AFTER_FAILURE));
            note(log, "TestNG: the whole suite runs (surefire cannot stop a TestNG run at its first failure)");
        } else if (usesJUnit3(root)) {
            // surefire's JUnit 3 provider refuses skipAfterFailureCount ("expects JUnit Version 4.0 or higher"): every
            // candidate of a junit:junit 3.x project was an ERROR. Its suites run to the end
            command.removeIf(a -> a.startsWith("-D" + MavenToolchain.SKIP_AFTER_FAILURE));
            note(log, "JUnit 3: the whole suite runs (surefire's JUnit 3 provider cannot stop at the first failure)");
        }
        Map<String, String> env = maven.environment();
        ProbeSetup coverage = probe.get();
        if (coverage != null) {
            // coverage is wanted of every test, failing or not
            command.removeIf(a -> a.startsWith("-D" + MavenToolchain.SKIP_AFTER_FAILURE));
            command.addAll(command.size() - 1, coverage.mavenArgs());
            env = new LinkedHashMap<>(env);
            env.putAll(coverage.environment());
            note(log, coverage.description());
        }
        command.addAll(extraGoals.get());
        note(log, "$ " + String.join(" ", command) + "   [" + sandbox.name() + ", limit " + ProcessRunner.describe(remaining) + "]");
        ExecRequest req = new ExecRequest(command, root, env, Duration.ofMillis(remaining), false,
                List.of(), maven.readOnlyPaths(), OutputSink.tee(run, log), watch, Limits.of(sandboxConfig, timeout));
        ExecResult result = sandbox.run(req);
        ExecResult judged = result;
        if (result.termination() == ExecResult.Termination.TIMED_OUT) {
            // name the candidate's whole limit, not the rest that was left for this run
            judged = new ExecResult(result.termination(), -1, result.durationMs(),
                    "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis()
                            + " ms); the process tree was killed", result.peakMemoryBytes());
        }
        long end = System.nanoTime();
        long ts = testsStart.get();
        long staticMs = TimeUnit.NANOSECONDS.toMillis((ts == 0 ? end : ts) - start);
        long testsMs = ts == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(end - ts);
        TestReport report = reports.read(root);
        // surefire's reports are evidence that tests ran even when the output did not show surefire starting (output
        // lost or cut): the run is then judged by its tests, never as "the build passed; no tests ran"
        boolean testsStarted = ts != 0 || report.reportFiles() > 0;
        return new Phase(judged, staticMs, testsMs, testsStarted, run.text(), report);
    }

    /**
     * The limit of one test method: a third of the time left for the run, at least 2 s. A test that
     * loops forever is then reported as a failing test by name (the baseline of a bug that makes a test
     * hang stays repairable), while the build and the other tests still fit in the candidate's limit.
     *
     * @param remainingMs milliseconds left of the candidate's limit
     * @return the per-test limit, milliseconds
     */
    public static long perTestTimeoutMs(long remainingMs) {
        return Math.max(2_000, remainingMs / 3);
    }

    /**
     * @return the outcome when this phase decides the candidate; {@code null} when a tests-first phase passed
     */
    private GateOutcome judge(Path root, Phase p, Duration timeout, List<GateResult> gates, boolean testsFirstPhase) {
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        ExecResult r = p.result();
        TestReport rep = p.report();
        switch (r.termination()) {
            case FAILED_TO_START -> {
                gates.add(new GateResult(STATIC, Verdict.ERROR, p.staticMs(), r.detail() + tag));
                return outcome(Verdict.ERROR, r.detail(), gates, rep);
            }
            case CANCELLED -> {
                gates.add(new GateResult(p.testsStarted() ? TESTS : STATIC, Verdict.SKIPPED,
                        p.testsStarted() ? p.testsMs() : p.staticMs(), r.detail() + tag));
                return outcome(Verdict.SKIPPED, "stopped: " + r.detail(), gates, rep);
            }
            case TIMED_OUT -> {
                String where;
                if (p.testsStarted()) {
                    gates.add(new GateResult(STATIC, Verdict.PASS, p.staticMs(), "compiled" + tag));
                    String cls = MavenOutput.lastRunningTestClass(p.output());
                    where = cls == null ? "in the tests gate" : "in the tests gate, while running " + cls;
                    gates.add(new GateResult(TESTS, Verdict.TIMEOUT, p.testsMs(), r.detail() + tag));
                } else {
                    where = "in the static gate (compiling)";
                    gates.add(new GateResult(STATIC, Verdict.TIMEOUT, p.staticMs(), r.detail() + tag));
                }
                String reason = r.detail().replace("; the process tree was killed", "") + " " + where
                        + "; the process tree was killed";
                String running = p.testsStarted() ? MavenOutput.lastRunningTestClass(p.output()) : null;
                return running == null ? outcome(Verdict.TIMEOUT, reason, gates, rep)
                        : outcomeNaming(running, reason, gates, rep);
            }
            case LIMIT_EXCEEDED -> {
                String gate = p.testsStarted() ? TESTS : STATIC;
                if (p.testsStarted()) {
                    gates.add(new GateResult(STATIC, Verdict.PASS, p.staticMs(), "compiled" + tag));
                }
                gates.add(new GateResult(gate, Verdict.ERROR, p.testsStarted() ? p.testsMs() : p.staticMs(), r.detail() + tag));
                return outcome(Verdict.ERROR, r.detail() + " in the " + gate + " gate", gates, rep);
            }
            case EXITED -> {
                // handled below
            }
        }
        boolean compileFailed = r.exitCode() != 0 && MavenOutput.compilationFailed(p.output());
        if (compileFailed) {
            List<String> errors = MavenOutput.compilerErrors(p.output(), root, maxCompilerErrors);
            String why = errors.isEmpty() ? "compilation failed: " + orElse(MavenOutput.firstError(p.output()), "see the log")
                    : "does not compile: " + String.join("; ", errors);
            gates.add(new GateResult(STATIC, Verdict.FAIL, p.staticMs() + p.testsMs(), why + tag));
            return outcome(Verdict.FAIL, why, gates, rep);
        }
        if (!p.testsStarted()) {
            if (r.exitCode() != 0) {
                String why = "the build failed before the tests: " + orElse(MavenOutput.firstError(p.output()), "exit code " + r.exitCode());
                gates.add(new GateResult(STATIC, Verdict.ERROR, p.staticMs(), why + tag));
                return outcome(Verdict.ERROR, why, gates, rep);
            }
            gates.add(new GateResult(STATIC, Verdict.PASS, p.staticMs(), "compiled" + tag));
            gates.add(new GateResult(TESTS, Verdict.PASS, 0, "no test phase ran (no test sources?)" + tag));
            return outcome(Verdict.PASS, "the build passed; no tests ran", gates, rep);
        }
        gates.add(new GateResult(STATIC, Verdict.PASS, p.staticMs(), "compiled" + tag));
        if (rep.testsFailed() > 0) {
            String why = failedReason(rep, testsFirstPhase) + (SurefireReports.stoppedEarly(root) ? "; " + stoppedNote(rep) : "");
            gates.add(new GateResult(TESTS, Verdict.FAIL, p.testsMs(), why + tag));
            return outcome(Verdict.FAIL, why, gates, rep);
        }
        if (r.exitCode() != 0) {
            String err = orElse(MavenOutput.firstError(p.output()), "exit code " + r.exitCode());
            if (MavenOutput.testJvmCrashed(p.output())) {
                String why = "the test JVM crashed: " + err;
                gates.add(new GateResult(TESTS, Verdict.FAIL, p.testsMs(), why + tag));
                return outcome(Verdict.FAIL, why, gates, rep);
            }
            String why = "the test run failed: " + err;
            gates.add(new GateResult(TESTS, Verdict.ERROR, p.testsMs(), why + tag));
            return outcome(Verdict.ERROR, why, gates, rep);
        }
        if (testsFirstPhase) {
            gates.clear();
            return null;
        }
        String why = rep.testsRun() == 0 ? "the build passed; no tests ran" : "all " + rep.testsRun() + " tests passed";
        gates.add(new GateResult(TESTS, Verdict.PASS, p.testsMs(), why + tag));
        return outcome(Verdict.PASS, why, gates, rep);
    }

    /**
     * @param rep             the report
     * @param testsFirstPhase true when only the plan's tests ran
     * @return e.g. {@code 2 of 14 tests failed: InvoiceTest#total, InvoiceTest#tax}
     */
    public static String failedReason(TestReport rep, boolean testsFirstPhase) {
        List<TestFailure> f = rep.failures();
        int shown = Math.min(5, f.size());
        String names = f.subList(0, shown).stream().map(t -> simple(t.className()) + "#" + t.methodName())
                .collect(Collectors.joining(", "));
        if (rep.testsFailed() > shown) {
            names += ", …";
        }
        String what = rep.testsFailed() + " of " + rep.testsRun() + (rep.testsRun() == 1 ? " test" : " tests") + " failed";
        if (testsFirstPhase) {
            what += " (the plan's tests, run first)";
        }
        return names.isEmpty() ? what : what + ": " + names;
    }

    /**
     * The verdict's note when the run stopped at its first failing test (surefire's {@code skipAfterFailureCount=1},
     * honoured by its JUnit 4 provider; the fast path's Vintage runs do the same).
     *
     * @param rep a report with at least one failure
     * @return e.g. {@code stopped at the first failing test: CounterTest#count1}
     */
    public static String stoppedNote(TestReport rep) {
        TestFailure f = rep.failures().getFirst();
        return "stopped at the first failing test: " + simple(f.className()) + "#" + f.methodName();
    }

    private static String simple(String cls) {
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? cls : cls.substring(dot + 1);
    }

    /**
     * A TIMEOUT that names the test class that was running when the run was killed, as a failing test
     * without a method (kind {@code error}), unless the reports already name a failure of that class:
     * the planner then knows which tests hang (a bug that makes a test loop forever stays repairable).
     */
    private static GateOutcome outcomeNaming(String runningClass, String reason, List<GateResult> gates, TestReport rep) {
        List<TestFailure> failures = new ArrayList<>(rep.failures());
        if (failures.stream().noneMatch(f -> runningClass.equals(f.className()))) {
            failures.add(new TestFailure(runningClass, runningClass, null, "error",
                    "did not finish: " + reason, null));
        }
        return new GateOutcome(Verdict.TIMEOUT, reason, gates, failures, rep.testsRun(), rep.testsFailed() + 1);
    }

    private static GateOutcome outcome(Verdict v, String reason, List<GateResult> gates, TestReport rep) {
        return GateOutcome.of(v, reason, gates, rep);
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static void note(OutputCapture log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }

    /** @return whether a pom of the project (the root's or a module's, two levels deep) names TestNG */
    private static boolean usesTestNg(Path root) {
        return anyPom(root, pom -> pom.contains("<groupId>org.testng</groupId>"));
    }

    private static final java.util.regex.Pattern JUNIT3 = java.util.regex.Pattern.compile(
            "<dependency>(?=(?:(?!</dependency>).)*<groupId>\\s*junit\\s*</groupId>)(?=(?:(?!</dependency>).)*<artifactId>\\s*junit\\s*</artifactId>)"
                    + "(?=(?:(?!</dependency>).)*<version>\\s*3\\.)", java.util.regex.Pattern.DOTALL);

    /** @return whether a pom declares {@code junit:junit} 3.x (a literal version): surefire then uses its JUnit 3 provider */
    static boolean usesJUnit3(Path root) {
        return anyPom(root, pom -> JUNIT3.matcher(pom).find());
    }

    private static boolean anyPom(Path root, java.util.function.Predicate<String> test) {
        try (java.util.stream.Stream<Path> poms = java.nio.file.Files.find(root, 3,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("pom.xml"))) {
            return poms.anyMatch(p -> {
                try {
                    return test.test(java.nio.file.Files.readString(p));
                } catch (java.io.IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
