package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.Executables;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gates of a toolchain run as separate commands in the sandbox, stopping at the first failure:
 * <ol>
 *   <li>{@code static}: a compile/syntax check command (FAIL with the first errors);</li>
 *   <li>{@code tests}: the plan's tests alone when the runner can select them (FAIL naming them), then the whole
 *       suite; failing tests come from the runner's JUnit XML (surefire's format, {@link SurefireReports}).</li>
 * </ol>
 * The candidate's wall-clock limit covers all commands. Subclasses give the commands and read the reports.
 */
abstract class CommandGates implements BuildGates {

    /**
     * One test run.
     *
     * @param command the command
     * @param reports the JUnit XML files it wrote, looked up after the run; {@code null} = the runner writes none
     */
    protected record TestRun(List<String> command, Supplier<List<Path>> reports) {
    }

    /** The static gate's outcome when the check failed. */
    protected record StaticFailure(Verdict verdict, String reason) {
    }

    protected final Sandbox sandbox;
    protected final VerifierConfig config;
    protected final SurefireReports reports;

    protected CommandGates(Sandbox sandbox, VerifierConfig config) {
        this.sandbox = sandbox;
        this.config = config;
        this.reports = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                config.limits().maxFailingTests());
    }

    /**
     * @param root the project root
     * @return why the toolchain cannot run here (ERROR at static), or {@code null}
     */
    protected abstract String prepare(Path root);

    /** @return the static gate's command; empty = nothing to check separately */
    protected abstract Optional<List<String>> staticCommand(Path root);

    /**
     * @param root   the project root
     * @param output the failed static command's output
     * @return FAIL with the first errors (or ERROR when the toolchain itself failed)
     */
    protected abstract StaticFailure staticFailure(Path root, String output);

    /**
     * @param root  the project root
     * @param tests test ids to run alone; empty = the whole suite
     * @param log   the candidate's log, to say why tests cannot be selected
     * @return the run; empty when {@code tests} cannot be selected with this runner
     */
    protected abstract Optional<TestRun> testRun(Path root, List<String> tests, OutputCapture log);

    /**
     * @param exitCode the test command's exit code (not 0) when the reports name no failing test
     * @param output   its output
     * @return the verdict and reason; {@code null} = the run passed (e.g. pytest's "no tests collected")
     */
    protected abstract StaticFailure unexplainedExit(int exitCode, String output, boolean junit);

    /** @return true when the runner's test names are free text, kept whole in test ids (Node) */
    protected boolean freeTextTestNames() {
        return false;
    }

    /** @return the environment and read-only paths of every command */
    protected abstract CommandEnv runContext(Path root);

    @Override
    public Optional<CommandEnv> context(Path root) {
        return prepare(root) == null ? Optional.of(runContext(root)) : Optional.empty();
    }

    @Override
    public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch) {
        RunContext run = RunContext.startingNow(timeout, log, watch);
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        List<GateResult> gates = new ArrayList<>();
        String problem = prepare(root);
        if (problem != null) {
            gates.add(new GateResult(MavenGates.STATIC, Verdict.ERROR, 0, problem + tag));
            return new GateOutcome(Verdict.ERROR, problem, gates, List.of(), 0, 0);
        }
        CommandEnv ctx = runContext(root);
        Optional<List<String>> check = staticCommand(root);
        if (check.isPresent()) {
            Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, check.get(), ctx, run);
            GateOutcome abnormal = abnormal(r, MavenGates.STATIC, "in the static gate", gates, tag, TestReport.EMPTY);
            if (abnormal != null) {
                return abnormal;
            }
            if (r.result().exitCode() != 0) {
                StaticFailure f = staticFailure(root, r.output());
                gates.add(new GateResult(MavenGates.STATIC, f.verdict(), r.ms(), f.reason() + tag));
                return new GateOutcome(f.verdict(), f.reason(), gates, List.of(), 0, 0);
            }
            gates.add(new GateResult(MavenGates.STATIC, Verdict.PASS, r.ms(), "compiled" + tag));
        } else {
            gates.add(new GateResult(MavenGates.STATIC, Verdict.PASS, 0, "nothing to compile separately" + tag));
        }
        long testsMs = 0;
        if (!testsFirst.isEmpty()) {
            Optional<TestRun> first = testRun(root, testsFirst, log);
            if (first.isPresent()) {
                Runs.note(log, "running the plan's tests first: " + String.join(", ", testsFirst));
                Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, first.get().command(), ctx, run);
                testsMs += r.ms();
                GateOutcome decided = judge(r, first.get(), true, gates, testsMs, tag);
                if (decided != null) {
                    return decided;
                }
                Runs.note(log, "the tests run first passed; running the whole suite");
            }
        }
        TestRun all = testRun(root, List.of(), log).orElseThrow();
        Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, all.command(), ctx, run);
        testsMs += r.ms();
        return judge(r, all, false, gates, testsMs, tag);
    }

    /** @return the outcome of a test run, or {@code null} when the plan's tests (run first) passed */
    private GateOutcome judge(Runs.Run r, TestRun run, boolean firstPhase, List<GateResult> gates, long testsMs, String tag) {
        TestReport rep = run.reports() == null ? TestReport.EMPTY : reports.readFiles(run.reports().get(), freeTextTestNames());
        GateOutcome abnormal = abnormal(r, MavenGates.TESTS, "in the tests gate", gates, tag, rep);
        if (abnormal != null) {
            return abnormal;
        }
        if (rep.testsFailed() > 0) {
            String why = MavenGates.failedReason(rep, firstPhase);
            gates.add(new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs, why + tag));
            return outcome(Verdict.FAIL, why, gates, rep);
        }
        int code = r.result().exitCode();
        if (code != 0) {
            StaticFailure f = unexplainedExit(code, r.output(), run.reports() != null);
            if (f != null) {
                if (firstPhase && f.verdict() != Verdict.FAIL) {
                    return null; // the selection itself went wrong (e.g. a test that no longer exists): run the suite
                }
                gates.add(new GateResult(MavenGates.TESTS, f.verdict(), testsMs, f.reason() + tag));
                return outcome(f.verdict(), f.reason(), gates, rep);
            }
        }
        if (firstPhase) {
            return null;
        }
        String why = run.reports() == null ? "the test command passed (it writes no JUnit report, so tests are not counted)"
                : rep.testsRun() == 0 ? "the build passed; no tests ran"
                : "all " + rep.testsRun() + (rep.testsRun() == 1 ? " test" : " tests") + " passed";
        gates.add(new GateResult(MavenGates.TESTS, Verdict.PASS, testsMs, why + tag));
        return outcome(Verdict.PASS, why, gates, rep);
    }

    /** Timeout, stop, resource cap or a command that did not start: the gate's verdict; {@code null} for a normal exit. */
    static GateOutcome abnormal(Runs.Run r, String gate, String where, List<GateResult> gates, String tag, TestReport rep) {
        ExecResult res = r.result();
        return switch (res.termination()) {
            case EXITED -> null;
            case TIMED_OUT -> {
                gates.add(new GateResult(gate, Verdict.TIMEOUT, r.ms(), res.detail() + tag));
                yield outcome(Verdict.TIMEOUT, res.detail().replace("; the process tree was killed", "") + " " + where
                        + "; the process tree was killed", gates, rep);
            }
            case CANCELLED -> {
                gates.add(new GateResult(gate, Verdict.SKIPPED, r.ms(), res.detail() + tag));
                yield outcome(Verdict.SKIPPED, "stopped: " + res.detail(), gates, rep);
            }
            case LIMIT_EXCEEDED -> {
                gates.add(new GateResult(gate, Verdict.ERROR, r.ms(), res.detail() + tag));
                yield outcome(Verdict.ERROR, res.detail() + " " + where, gates, rep);
            }
            case FAILED_TO_START -> {
                gates.add(new GateResult(gate, Verdict.ERROR, r.ms(), res.detail() + tag));
                yield outcome(Verdict.ERROR, res.detail(), gates, rep);
            }
        };
    }

    private static GateOutcome outcome(Verdict v, String reason, List<GateResult> gates, TestReport rep) {
        return GateOutcome.of(v, reason, gates, rep);
    }

    /** @return the last lines of a command's output, for a one-line reason */
    protected static String tail(String output) {
        return Executables.lastLines(output, 3, 300);
    }
}
