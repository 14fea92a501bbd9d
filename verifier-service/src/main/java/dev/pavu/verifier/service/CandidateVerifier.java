package dev.pavu.verifier.service;

import dev.pavu.verifier.config.LogFiles;
import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.fast.FastPaths;
import dev.pavu.verifier.gate.BaselineTests;
import dev.pavu.verifier.gate.BuildGates;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.GatePipeline;
import dev.pavu.verifier.gate.RunContext;
import dev.pavu.verifier.gate.TestCommandGates;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.source.SourceUnavailableException;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.workspace.diff.ApplyResult;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies one candidate from start to end, without touching the database or the broker: a fresh private
 * copy of the source under {@code <home>/verifier/work/<candidateId>}, the diff applied, the layout
 * detected (Maven, Gradle, Python, Node: {@link GatePipeline}), a Maven project's dependencies prefetched once per
 * source, the gates of the job's policy run in the sandbox, the log written to {@code <home>/verifier/logs/<candidateId>.log}, the copy deleted.
 * A diff touching a protected path (test sources, build or CI files; {@link PatchRules}) is refused with FAIL before
 * anything runs; a job's own test command replaces the toolchain's gates ({@link TestCommandGates}, cold path); a
 * candidate's PASS is checked against the tests its baseline ran ({@link BaselineTests}). The baseline itself takes
 * the cold path, whose reports give the ids of the tests it ran; its run also builds the source's fast path (the fused
 * build, {@link FastPaths#adopt}), so the first candidate runs no Maven build.
 * Whatever goes wrong becomes a verdict (ERROR with the reason); it never throws for the candidate.
 */
@ApplicationScoped
public class CandidateVerifier {

    private final VerifierConfig config;
    private final Workspaces workspaces;
    private final Prefetcher prefetcher;
    private final Sandbox sandbox;
    private final FastPaths fastPaths;
    private final GatePipeline pipeline;
    private final MavenPaths mavenPaths;
    private final TestCommandGates testCommands;

    public CandidateVerifier(VerifierConfig config, Workspaces workspaces, Prefetcher prefetcher, Sandbox sandbox, FastPaths fastPaths,
                             GatePipeline pipeline, MavenPaths mavenPaths, TestCommandGates testCommands) {
        this.testCommands = testCommands;
        this.fastPaths = fastPaths;
        this.pipeline = pipeline;
        this.mavenPaths = mavenPaths;
        this.config = config;
        this.workspaces = workspaces;
        this.prefetcher = prefetcher;
        this.sandbox = sandbox;
    }

    /**
     * The result of one verification.
     *
     * @param outcome    gates, tests, verdict and reason
     * @param durationMs wall-clock time of the whole verification, milliseconds
     * @param log        the kept log text (head and tail, as written to the log file)
     * @param coverage   per-test coverage when the plan asked for it ({@code VerifySpec.collectCoverage}), else empty
     */
    public record Result(GateOutcome outcome, long durationMs, String log, List<TestCoverage> coverage) {
        public Result {
            coverage = coverage == null ? List.of() : List.copyOf(coverage);
        }
    }

    /**
     * @param diff  the candidate
     * @param watch asked about once a second while builds run whether to stop (e.g. the job concluded)
     * @return the verdict material; never {@code null}
     */
    public Result verify(DiffProposed diff, RunWatch watch) {
        return verify(diff, watch, Optional.empty());
    }

    /**
     * @param diff     the candidate
     * @param watch    asked about once a second while builds run whether to stop
     * @param baseline what the baseline of the candidate's source ran; a PASS that did not run those tests becomes FAIL
     * @return the verdict material; never {@code null}
     */
    public Result verify(DiffProposed diff, RunWatch watch, Optional<BaselineTests.Baseline> baseline) {
        long start = System.nanoTime();
        Path work = Path.of(config.home(), "verifier", "work", diff.candidateId().toString());
        Path prefetchWork = Path.of(config.home(), "verifier", "work", diff.candidateId() + "-prefetch");
        Path logFile = LogFiles.candidate(LogFiles.dir(config), diff.candidateId());
        OutputCapture log = new OutputCapture(config.limits().headBytes(), config.limits().tailBytes(), null);
        note(log, "candidate " + diff.candidateId() + " of job " + diff.jobId() + " (iteration " + diff.envelope().iteration()
                + ", " + diff.proposer() + "/" + diff.pattern() + ") at " + Instant.now());
        note(log, "source " + diff.source().bundleSha() + " @ " + diff.source().commit() + "; sandbox: " + sandbox.describe());
        GateOutcome outcome;
        AtomicReference<List<TestCoverage>> coverage = new AtomicReference<>(List.of());
        try {
            Optional<String> refused = sandbox.refusal();
            // fail closed: without a working sandbox (and not explicitly allowed to run without one) nothing runs
            outcome = refused.isPresent() ? GateOutcome.early(Verdict.ERROR, "not run: no working sandbox: " + refused.get())
                    : prepareAndRun(diff, work, prefetchWork, log, watch, coverage);
            if (baseline.isPresent() && !isBaseline(diff) && !diff.verify().collectCoverage()) {
                GateOutcome checked = BaselineTests.check(outcome, baseline.get());
                if (checked != outcome) {
                    note(log, "the baseline's tests: " + checked.reason());
                } else if (outcome.verdict() == Verdict.PASS) {
                    note(log, "the baseline's tests: all " + baseline.get().testsRun() + " ran again");
                }
                outcome = checked;
            } else if (baseline.isEmpty() && !isBaseline(diff) && outcome.verdict() == Verdict.PASS) {
                note(log, "no baseline run of this source is recorded: the tests run are not compared with the baseline's");
            }
            if (!sandbox.isolated() && refused.isEmpty()) {
                outcome = unsandboxed(outcome);
            }
        } catch (RuntimeException | LinkageError e) {
            // a verifier fault (a missing class included) is the candidate's ERROR verdict, never a lost message
            Log.errorf(e, "verifying candidate %s failed inside the verifier", diff.candidateId());
            outcome = GateOutcome.early(Verdict.ERROR, "the verifier failed: " + e);
        } finally {
            if (!config.keepWorkspaces()) {
                Workspaces.deleteRecursively(work);
            }
            Workspaces.deleteRecursively(prefetchWork);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        note(log, "verdict " + outcome.verdict() + " in " + ms + " ms: " + outcome.reason());
        try {
            Files.createDirectories(logFile.getParent());
            log.writeTo(logFile);
        } catch (IOException e) {
            Log.warnf("cannot write the log of %s: %s", diff.candidateId(), e.getMessage());
        }
        return new Result(outcome, ms, log.text(), coverage.get());
    }

    private GateOutcome prepareAndRun(DiffProposed diff, Path work, Path prefetchWork, OutputCapture log, RunWatch watch,
                                      AtomicReference<List<TestCoverage>> coverage) {
        Workspaces.deleteRecursively(work);
        try {
            Files.createDirectories(work.getParent());
        } catch (IOException e) {
            return GateOutcome.early(Verdict.ERROR, "cannot create the workspace " + work + ": " + e.getMessage());
        }
        try {
            workspaces.checkout(diff.source(), work);
        } catch (SourceUnavailableException | java.io.UncheckedIOException | IllegalArgumentException e) {
            return GateOutcome.early(Verdict.ERROR, "cannot check out the source: " + e.getMessage());
        }
        String testCommand = blankToNull(diff.verify().testCommand());
        if (!diff.isEmptyPatch()) {
            try {
                UnifiedDiffs.checkProtected(diff.diff(), PatchRules.of(diff.verify().gates(), testCommand, work));
            } catch (PatchRejectedException e) {
                // the candidate broke the job's rules: it is judged (FAIL), the verifier did not fail to judge it
                return GateOutcome.early(e.reason() == PatchRejectedException.Reason.PROTECTED_PATH ? Verdict.FAIL : Verdict.ERROR,
                        "the patch was refused (" + e.reason().name().toLowerCase().replace('_', ' ') + "): " + e.getMessage());
            }
            try {
                ApplyResult applied = workspaces.apply(work, diff.diff());
                note(log, "patch applied: " + applied.hunks() + " hunk(s) in " + String.join(", ", applied.changedFiles()));
            } catch (PatchRejectedException e) {
                String what = e.reason() == PatchRejectedException.Reason.DOES_NOT_APPLY ? "the patch does not apply: "
                        : "the patch was refused (" + e.reason().name().toLowerCase().replace('_', ' ') + "): ";
                return GateOutcome.early(Verdict.ERROR, what + e.getMessage());
            }
        } else {
            note(log, "empty patch (baseline)");
        }
        BuildKind layout = workspaces.layout(work);
        Optional<BuildGates> build = pipeline.gatesFor(layout);
        if (testCommand != null) {
            build = Optional.of(testCommands.forCommand(testCommand, layout, build));
        }
        if (build.isEmpty()) {
            return GateOutcome.early(Verdict.ERROR, "unsupported build (" + describe(layout)
                    + "): Pavu verifies Maven (pom.xml), Gradle (build.gradle*, settings.gradle*, gradlew), Python with pytest "
                    + "(pyproject.toml, setup.py, setup.cfg, tox.ini, pytest.ini, or test_*.py / *_test.py files) and Node "
                    + "(package.json with a test script) projects; give a test command for anything else");
        }
        GatePipeline.Policy policy = pipeline.policy(diff.verify().gates(), diff.verify().reproduce());
        List<String> testsFirst = policy.testsFirst() ? diff.verify().testsFirst() : List.of();
        if (diff.verify().gates() != null) {
            note(log, "gate policy: linters " + (policy.linters().isEmpty() ? "none" : String.join(", ", policy.linters()))
                    + ", tests first " + (policy.testsFirst() ? "on" : "off") + ", probe " + (policy.probe() == null ? "none" : "on"));
        }
        if (policy.reproduce() != null) {
            note(log, "reproduce command: '" + policy.reproduce().command() + "' (the logged failure "
                    + policy.reproduce().failure().describe() + " must not occur in its output)");
        }
        Duration timeout = diff.verify().timeoutMs() > 0 ? Duration.ofMillis(diff.verify().timeoutMs()) : config.defaultTimeout();
        RunContext run = RunContext.startingNow(timeout, log, watch);
        GateOutcome built;
        boolean fused = false;
        if (layout == BuildKind.MAVEN) {
            if (Files.exists(work.resolve("mvnw"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                note(log, MavenToolchain.WRAPPER_NOTE);
            }
            prefetcher.ensure(diff.source(), prefetchWork, policy.linters(), line -> note(log, line));
            PathChoice choice = PathChoice.of(testCommand != null, diff.verify().collectCoverage(), isBaseline(diff),
                    policy.needsWorkspaceAfterTests());
            MavenPaths.Ran ran = mavenPaths.run(choice, diff, build.get(), work, policy, run);
            built = ran.outcome();
            fused = ran.fused();
            coverage.set(ran.coverage());
        } else {
            if (layout == BuildKind.GRADLE) {
                prefetcher.ensureGradle(diff.source(), prefetchWork, line -> note(log, line));
            }
            built = build.get().run(work, testsFirst, timeout, log, watch);
        }
        GateOutcome outcome = pipeline.after(built, build.get(), layout, policy, work, diff.source(), run);
        if (fused && outcome.testsRun() > 0) {
            fastPaths.adopt(diff.source(), work, log);
        }
        return outcome;
    }

    /**
     * @param diff a candidate
     * @return true for the baseline: the empty patch of proposer {@code baseline}
     */
    public static boolean isBaseline(DiffProposed diff) {
        return diff.isEmptyPatch() && "baseline".equals(diff.proposer());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Marks a verdict reached without a sandbox (explicitly allowed): its reason says so. */
    private static GateOutcome unsandboxed(GateOutcome o) {
        return o.reason().contains("(unsandboxed)") ? o : new GateOutcome(o.verdict(), o.reason() + " (unsandboxed)", o.gates(),
                o.failingTests(), o.testsRun(), o.testsFailed());
    }

    private static String describe(BuildKind layout) {
        return switch (layout) {
            case GRADLE -> "Gradle project";
            case PYTHON -> "Python project";
            case NODE -> "Node project";
            case MAVEN, UNKNOWN -> "no build file found";
        };
    }

    private static void note(OutputCapture log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
