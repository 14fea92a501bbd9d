package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.BuildGates.CommandEnv;
import dev.pavu.verifier.report.JUnitReportFiles;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.Executables;
import dev.pavu.verifier.toolchain.MavenToolchain;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tests} gate of a job that gives its own test command ({@code VerifySpec.testCommand}): the command runs
 * as {@code sh -c <testCommand>} in the candidate's workspace, in the same sandbox and under the same limits as the
 * toolchain's commands (no network, the candidate's wall-clock limit), with the detected toolchain's environment
 * (JDK, Maven with {@code -Dmaven.repo.local} set to the prefetched repository in {@code MAVEN_OPTS}, the Python
 * interpreter, Node) or, for a project of no known layout, a plain one ({@code PATH=/usr/local/bin:/usr/bin:/bin}).
 * The shell runs inside the sandbox, so the command may use pipes, {@code &&} and variables like any CI step;
 * the verifier itself never interprets it.
 *
 * <p>Judging: the JUnit XML reports the command wrote ({@link JUnitReportFiles}: {@code target/surefire-reports},
 * {@code build/test-results}, {@code $PAVU_REPORTS_DIR}) name the failing tests (FAIL, e.g. {@code 1 of 3 tests
 * failed: CalcTest#add}); otherwise a non-zero exit code is FAIL ({@code the test command failed (exit 1): …})
 * and exit 0 is PASS. The command replaces both toolchain gates: there is no separate {@code static} gate (a
 * compile error fails the command), and the plan's tests cannot be run first (the command is run as given).
 */
@ApplicationScoped
public class TestCommandGates {

    private final Sandbox sandbox;
    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final SurefireReports reports;

    public TestCommandGates(Sandbox sandbox, VerifierConfig config, MavenToolchain maven) {
        this.sandbox = sandbox;
        this.config = config;
        this.maven = maven;
        this.reports = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                config.limits().maxFailingTests());
    }

    /**
     * @param command the job's test command (not blank)
     * @param layout  the detected layout ({@code MAVEN}, {@code GRADLE}, {@code PYTHON}, {@code NODE}, {@code UNKNOWN})
     * @param toolchain the layout's gates, for their environment; empty for a layout Pavu does not build
     * @return gates that run {@code command} instead of the toolchain's; their {@link BuildGates#context} is the
     *         toolchain's (lint and probe gates run as usual after them)
     */
    public BuildGates forCommand(String command, BuildKind layout, Optional<BuildGates> toolchain) {
        return new BuildGates() {
            @Override
            public BuildKind kind() {
                return layout;
            }

            @Override
            public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch) {
                if (!testsFirst.isEmpty()) {
                    Runs.note(log, "the job's test command runs as given: the plan's tests are not run first");
                }
                return runCommand(command, context(root).orElseThrow(), root, timeout, log, watch);
            }

            @Override
            public Optional<CommandEnv> context(Path root) {
                return Optional.of(contextFor(layout, toolchain.flatMap(t -> t.context(root))));
            }
        };
    }

    private CommandEnv contextFor(BuildKind layout, Optional<CommandEnv> toolchain) {
        if (toolchain.isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("HOME", "/tmp");
            env.put("LANG", "C.UTF-8");
            env.put("TMPDIR", "/tmp");
            return new CommandEnv(env, List.of());
        }
        if (layout != BuildKind.MAVEN) {
            return toolchain.get();
        }
        // a plain `mvn test` of the job then finds the dependencies the verifier prefetched (the sandbox has no network)
        Map<String, String> env = new LinkedHashMap<>(toolchain.get().env());
        String opts = env.getOrDefault("MAVEN_OPTS", "");
        env.put("MAVEN_OPTS", (opts + " -Dmaven.repo.local=" + maven.localRepository()).strip());
        return new CommandEnv(env, toolchain.get().readOnlyPaths());
    }

    GateOutcome runCommand(String command, CommandEnv ctx, Path root, Duration timeout, OutputCapture log, RunWatch watch) {
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        Path reportsDir = JUnitReportFiles.reset(root);
        Map<String, String> env = new LinkedHashMap<>(ctx.env());
        env.put("PAVU_REPORTS_DIR", reportsDir.toString());
        Runs.note(log, "tests: the job's test command (sh -c), JUnit XML reports read from target/surefire-reports, "
                + "build/test-results and $PAVU_REPORTS_DIR");
        Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, List.of("sh", "-c", command), new CommandEnv(env, ctx.readOnlyPaths()),
                RunContext.startingNow(timeout, log, watch));
        List<Path> files = JUnitReportFiles.find(root);
        TestReport rep = reports.readFiles(files);
        List<GateResult> gates = new ArrayList<>();
        GateOutcome abnormal = CommandGates.abnormal(r, MavenGates.TESTS, "in the tests gate (the job's test command)", gates, tag, rep);
        if (abnormal != null) {
            return abnormal;
        }
        if (rep.testsFailed() > 0) {
            String why = MavenGates.failedReason(rep, false);
            gates.add(new GateResult(MavenGates.TESTS, Verdict.FAIL, r.ms(), why + tag));
            return GateOutcome.of(Verdict.FAIL, why, gates, rep);
        }
        int code = r.result().exitCode();
        if (code != 0) {
            String why = "the test command failed (exit " + code + ")" + (rep.found() ? " although its reports name no failing test ("
                    + rep.testsRun() + " ran)" : "") + ": " + Executables.lastLines(r.output(), 3, 300);
            gates.add(new GateResult(MavenGates.TESTS, Verdict.FAIL, r.ms(), why + tag));
            return GateOutcome.of(Verdict.FAIL, why, gates, rep);
        }
        String why = !rep.found() ? "the test command passed (exit 0; it wrote no JUnit XML report, so tests are not counted)"
                : rep.testsRun() == 0 ? "the test command passed; its reports show no test that ran"
                : "all " + rep.testsRun() + (rep.testsRun() == 1 ? " test" : " tests") + " passed (the job's test command)";
        gates.add(new GateResult(MavenGates.TESTS, Verdict.PASS, r.ms(), why + tag));
        return GateOutcome.of(Verdict.PASS, why, gates, rep);
    }
}
