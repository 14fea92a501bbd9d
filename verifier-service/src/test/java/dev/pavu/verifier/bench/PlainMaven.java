package dev.pavu.verifier.bench;

import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.MavenOutput;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive way to verify a candidate, the bench's yardstick: a fresh copy of the project, the diff applied, and
 * one plain offline {@code mvn test} in the sandbox, with Maven's and surefire's defaults — every test runs (no stop
 * at the first failing test, no tests-first order, no build reused). The one setting added is the verifier's
 * per-test limit for JUnit Jupiter tests ({@code max(2 s, limit / 3)}, as {@link MavenGates#perTestTimeoutMs}),
 * because it is part of what a verdict means (a looping Jupiter test FAILs by name instead of the run TIMING OUT);
 * JUnit 4 tests keep their own {@code @Test(timeout)} / {@code Timeout} rule limits, as under any surefire run.
 *
 * <p>Verdicts: TIMEOUT at the wall-clock limit, ERROR when a cgroup limit is hit or the build fails before its tests,
 * FAIL for a compile error, a failing test (all of them, from the surefire reports) or a crashed test JVM, else PASS.
 * It deliberately does not call {@link MavenGates}, whose cold path stops at the first failing test since issue 11.
 */
public final class PlainMaven {

    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final VerifierConfig config;
    private final SurefireReports reports;
    private final Path work;

    /**
     * @param maven   Maven command line and local repository
     * @param sandbox where {@code mvn test} runs
     * @param config  the verifier's settings (sandbox limits, report limits)
     * @param work    scratch directory for the copies
     */
    public PlainMaven(MavenToolchain maven, Sandbox sandbox, VerifierConfig config, Path work) {
        this.maven = maven;
        this.sandbox = sandbox;
        this.config = config;
        this.work = work;
        this.reports = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                config.limits().maxFailingTests());
    }

    /** @return the command line of one run (offline, batch, every test, Jupiter's per-test limit) */
    List<String> command(Duration timeout) {
        List<String> c = new ArrayList<>(maven.baseCommand());
        c.add("-Dmaven.test.failure.ignore=true");
        c.add("-Djunit.jupiter.execution.timeout.default=" + MavenGates.perTestTimeoutMs(timeout.toMillis()) + " ms");
        c.add("-Djunit.jupiter.execution.timeout.thread.mode.default=SEPARATE_THREAD");
        c.add("test");
        return c;
    }

    /**
     * @param c       the candidate
     * @param timeout the wall-clock limit of the whole {@code mvn test}
     * @return its verdict, every failing test (up to {@code limits.max-failing-tests}) and the wall-clock time, ms
     * @throws IOException when the copy cannot be made
     */
    public Run verify(Candidate c, Duration timeout) throws IOException {
        long t0 = System.nanoTime();
        Path copy = VerifierBench.copy(c.projectDir(), work.resolve("plain-" + c.project() + "-" + Math.abs(c.name().hashCode())));
        try {
            if (!c.diff().isBlank()) {
                try {
                    UnifiedDiffs.apply(copy, c.diff());
                } catch (PatchRejectedException e) {
                    return run(Verdict.ERROR, List.of(), "patch rejected: " + e.getMessage(), t0);
                }
            }
            OutputCapture out = new OutputCapture(256 * 1024, 256 * 1024, null);
            ExecResult r = sandbox.run(new ExecRequest(command(timeout), copy, maven.environment(), timeout, false, List.of(),
                    maven.readOnlyPaths(), out, RunWatch.NONE, Limits.of(config.sandbox(), timeout)));
            String text = out.text();
            return switch (r.termination()) {
                case TIMED_OUT -> run(Verdict.TIMEOUT, List.of(), r.detail(), t0);
                case LIMIT_EXCEEDED, FAILED_TO_START -> run(Verdict.ERROR, List.of(), r.detail(), t0);
                case CANCELLED -> run(Verdict.SKIPPED, List.of(), r.detail(), t0);
                case EXITED -> judge(copy, r, text, t0);
            };
        } finally {
            Workspaces.deleteRecursively(copy);
        }
    }

    private Run judge(Path copy, ExecResult r, String output, long t0) {
        if (r.exitCode() != 0 && MavenOutput.compilationFailed(output)) {
            return run(Verdict.FAIL, List.of(), "does not compile", t0);
        }
        TestReport rep = reports.read(copy);
        if (rep.testsFailed() > 0) {
            List<String> failing = rep.failures().stream().map(TestFailure::testId).sorted().toList();
            return run(Verdict.FAIL, failing, rep.testsFailed() + " of " + rep.testsRun() + " tests failed", t0);
        }
        if (r.exitCode() != 0) {
            String err = MavenOutput.firstError(output);
            return MavenOutput.testJvmCrashed(output) ? run(Verdict.FAIL, List.of(), "the test JVM crashed: " + err, t0)
                    : run(Verdict.ERROR, List.of(), "the build failed: " + err, t0);
        }
        return run(Verdict.PASS, List.of(), "all " + rep.testsRun() + " tests passed", t0);
    }

    private static Run run(Verdict v, List<String> failing, String reason, long t0) {
        return new Run(v, failing, reason, (System.nanoTime() - t0) / 1_000_000);
    }
}
