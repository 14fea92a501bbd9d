package dev.pavu.verifier.service;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.verifier.coverage.CoverageCollector;
import dev.pavu.verifier.coverage.CoverageProbe;
import dev.pavu.verifier.coverage.ProbeSetup;
import dev.pavu.verifier.fast.FastAttempt;
import dev.pavu.verifier.fast.FastPath;
import dev.pavu.verifier.fast.FastPaths;
import dev.pavu.verifier.gate.BuildGates;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.GatePipeline;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.gate.RunContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Maven candidate's {@code static} and {@code tests} gates on the path {@link PathChoice} picked: the job's
 * test command, the cold path with the coverage probe (the baseline's run also building the fast path: the fused
 * build), the cold path, or the fast path. A candidate the fast path does not take goes to the cold path; one whose
 * fast path failed ({@link FastAttempt.Failed}: the warm JVM crashed or did not start, the runner's internal error,
 * the fast build failed) is verified on the cold path too, in the same sandbox, and its verdict says
 * {@code fast path failed (<cause>); verified on the cold path}.
 */
@ApplicationScoped
public class MavenPaths {

    private final MavenGates maven;
    private final FastPaths fastPaths;
    private final CoverageProbe coverageProbe;
    private final CoverageCollector coverageCollector;

    public MavenPaths(MavenGates maven, FastPaths fastPaths, CoverageProbe coverageProbe, CoverageCollector coverageCollector) {
        this.maven = maven;
        this.fastPaths = fastPaths;
        this.coverageProbe = coverageProbe;
        this.coverageCollector = coverageCollector;
    }

    /**
     * What a Maven candidate's gates gave.
     *
     * @param outcome  the outcome of {@code static} and {@code tests}
     * @param coverage per-test coverage of a coverage run, else empty
     * @param fused    the run also built the source's fast path: its workspace may be adopted ({@link FastPaths#adopt})
     */
    public record Ran(GateOutcome outcome, List<TestCoverage> coverage, boolean fused) {
        public Ran {
            coverage = List.copyOf(coverage);
        }
    }

    /**
     * @param choice the path ({@link PathChoice#of}); its note is written to the log
     * @param diff   the candidate
     * @param gates  the toolchain's gates, or the job's test command's ({@link PathChoice.Route#TEST_COMMAND})
     * @param work   the candidate's workspace (patched)
     * @param policy the job's gate policy (tests first, lint and probe)
     * @param run    the candidate's limit, log and stop signal
     * @return the outcome; never {@code null}
     */
    public Ran run(PathChoice choice, DiffProposed diff, BuildGates gates, Path work, GatePipeline.Policy policy, RunContext run) {
        List<String> testsFirst = policy.testsFirst() ? diff.verify().testsFirst() : List.of();
        if (choice.note() != null) {
            run.note(choice.note());
        }
        return switch (choice.route()) {
            case TEST_COMMAND -> new Ran(gates.run(work, testsFirst, run.timeout(), run.log(), run.watch()), List.of(), false);
            case COVERAGE -> {
                // the fused build: the baseline's run also writes the fast path's test classpath, and its workspace
                // becomes the fast path's baseline build (FastPaths.adopt), so the first candidate runs no Maven
                boolean fused = CandidateVerifier.isBaseline(diff) && !policy.needsWorkspaceAfterTests()
                        && fastPaths.wantsBaselineBuild(diff.source(), work, run.log());
                yield withCoverage(work, testsFirst, run, fused);
            }
            case BASELINE, WORKSPACE_GATES -> new Ran(cold(work, testsFirst, run), List.of(), false);
            case FAST -> new Ran(fastOrCold(diff, work, testsFirst, run), List.of(), false);
        };
    }

    private GateOutcome fastOrCold(DiffProposed diff, Path work, List<String> testsFirst, RunContext run) {
        VerifySpec spec = diff.verify();
        // the policy may turn tests-first off: the fast path then runs the whole suite at once, as the cold path does
        VerifySpec asPolicy = new VerifySpec(spec.testCommand(), spec.timeoutMs(), testsFirst, spec.collectCoverage(), spec.gates());
        FastAttempt attempt = fastPaths.verify(diff.source(), diff.diff(), asPolicy, run.timeout(), run.log(), run.watch());
        return switch (attempt) {
            case FastAttempt.Judged j -> j.outcome();
            case FastAttempt.NotTaken n -> cold(work, testsFirst, run);
            case FastAttempt.Failed f -> {
                // never the candidate's verdict: a crash a hostile candidate caused happens again on the cold path, in the
                // same sandbox, and is judged there as the cold path always judges it
                run.note("fast path failed (" + f.cause() + "); verifying on the cold path");
                yield fellBack(cold(work, testsFirst, run), f.cause());
            }
        };
    }

    private GateOutcome cold(Path work, List<String> testsFirst, RunContext run) {
        return maven.run(work, testsFirst, run.timeout(), run.log(), run.watch());
    }

    private Ran withCoverage(Path work, List<String> testsFirst, RunContext run, boolean fused) {
        List<String> extraGoals = fused ? FastPath.CLASSPATH_GOALS : List.of();
        ProbeSetup probe;
        try {
            probe = coverageProbe.prepare(work);
        } catch (RuntimeException e) {
            run.note("no per-test coverage: " + e.getMessage());
            return new Ran(maven.run(work, testsFirst, run.timeout(), run.log(), run.watch(), null, extraGoals), List.of(), fused);
        }
        GateOutcome outcome = maven.run(work, testsFirst, run.timeout(), run.log(), run.watch(), probe, extraGoals);
        CoverageCollector.Collected c = coverageCollector.collect(work, CoverageCollector.DEFAULT_MAX_BYTES);
        run.note(c.note());
        return new Ran(outcome, c.tests(), fused);
    }

    /**
     * The cold path's outcome of a candidate whose fast path failed: its verdict and tests, the reason and the deciding
     * gate's detail followed by {@code ; fast path failed (<cause>); verified on the cold path}.
     *
     * @param cold  the cold path's outcome
     * @param cause what failed on the fast path
     * @return the outcome to issue
     */
    public static GateOutcome fellBack(GateOutcome cold, String cause) {
        String note = "; fast path failed (" + cause + "); verified on the cold path";
        List<GateResult> gates = new ArrayList<>(cold.gates());
        if (!gates.isEmpty()) {
            GateResult last = gates.removeLast();
            gates.add(new GateResult(last.gate(), last.status(), last.durationMs(), last.detail() + note));
        }
        return cold.with(cold.verdict(), cold.reason() + note, gates);
    }
}
