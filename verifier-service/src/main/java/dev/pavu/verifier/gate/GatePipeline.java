package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.ProbeSpec;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gates of a candidate in order, stopping at the first that does not pass: {@code static} and {@code tests}
 * (the toolchain's {@link BuildGates}, chosen by layout), then {@code lint} and {@code probe} when the job's
 * {@link GatePolicy} asks for them, then {@code reproduce} when a {@code FIX_LOG} job gives a reproduce command
 * ({@link ReproduceGate}). The policy's absent parts take {@code pavu.verifier.gates.*}.
 */
@ApplicationScoped
public class GatePipeline {

    /**
     * A job's policy with the defaults filled in.
     *
     * @param linters    linters of the lint gate; empty = no lint gate
     * @param testsFirst run the plan's tests first
     * @param probe      the runtime probe, or {@code null}
     * @param reproduce  the reproduce check of a {@code FIX_LOG} job, or {@code null}
     */
    public record Policy(List<String> linters, boolean testsFirst, ProbeSpec probe, ReproduceSpec reproduce) {
        public Policy {
            linters = List.copyOf(linters);
        }

        /** A policy without a reproduce check. */
        public Policy(List<String> linters, boolean testsFirst, ProbeSpec probe) {
            this(linters, testsFirst, probe, null);
        }

        /** @return true when the policy adds gates that need the built workspace (lint, probe, reproduce) */
        public boolean needsWorkspaceAfterTests() {
            return !linters.isEmpty() || probe != null || reproduce != null;
        }
    }

    private final Map<BuildKind, BuildGates> byLayout = new java.util.EnumMap<>(BuildKind.class);
    private final LintGate lint;
    private final ProbeGate probe;
    private final ReproduceGate reproduce;
    private final VerifierConfig config;

    public GatePipeline(MavenBuild maven, GradleGates gradle, PythonGates python, NodeGates node, LintGate lint, ProbeGate probe,
                        ReproduceGate reproduce, VerifierConfig config) {
        for (BuildGates g : List.of(maven, gradle, python, node)) {
            byLayout.put(g.kind(), g);
        }
        this.lint = lint;
        this.probe = probe;
        this.reproduce = reproduce;
        this.config = config;
    }

    /**
     * @param layout the detected layout ({@code MAVEN}, {@code GRADLE}, {@code PYTHON}, {@code NODE}, {@code UNKNOWN})
     * @return the toolchain's gates; empty for a layout Pavu does not build
     */
    public Optional<BuildGates> gatesFor(BuildKind layout) {
        return Optional.ofNullable(byLayout.get(layout));
    }

    /**
     * @param p a job's policy, or {@code null}
     * @return the policy with every absent part taken from the configuration
     */
    public Policy policy(GatePolicy p) {
        return policy(p, null);
    }

    /**
     * @param p         a job's policy, or {@code null}
     * @param reproduce the plan's reproduce check ({@code VerifySpec.reproduce}), or {@code null}
     * @return the policy with every absent part taken from the configuration, and the reproduce check
     */
    public Policy policy(GatePolicy p, ReproduceSpec reproduce) {
        List<String> linters = p != null && p.linters() != null ? p.linters() : config.gates().linters().orElse(List.of());
        boolean first = p != null && p.testsFirst() != null ? p.testsFirst() : config.gates().testsFirst();
        return new Policy(linters.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList(), first,
                p == null ? null : p.probe(), reproduce);
    }

    /**
     * Runs the policy's gates after the toolchain's: nothing when those did not pass.
     *
     * @param built    the outcome of {@code static} and {@code tests}
     * @param gates    the toolchain's gates (for the run context)
     * @param layout   the project's layout
     * @param policy   the job's policy
     * @param root     the project root
     * @param source   the job's source (the lint gate lints its baseline to ignore problems already there)
     * @param run      the candidate's run (its deadline was set before the toolchain's gates ran)
     * @return the final outcome: the built one, or the first failing later gate's verdict and reason
     */
    public GateOutcome after(GateOutcome built, BuildGates gates, BuildKind layout, Policy policy, Path root, SourceRef source, RunContext run) {
        if (built.verdict() != Verdict.PASS || !policy.needsWorkspaceAfterTests()) {
            return built;
        }
        Optional<BuildGates.CommandEnv> ctx = gates.context(root);
        if (ctx.isEmpty()) {
            return built;
        }
        List<GateResult> results = new ArrayList<>(built.gates());
        String reason = built.reason();
        if (!policy.linters().isEmpty()) {
            LintGate.Lint l = lint.run(policy.linters(), layout, ctx.get(), root, source, run);
            results.add(l.result());
            run.note("lint: " + l.result().status() + " " + l.result().detail());
            if (l.failed()) {
                return with(built, l.result().status(), l.result().detail(), results);
            }
        }
        if (policy.probe() != null) {
            GateResult p = probe.run(policy.probe(), ctx.get(), root, run);
            results.add(p);
            run.note("probe: " + p.status() + " " + p.detail());
            if (p.status() != Verdict.PASS) {
                return with(built, p.status(), "probe: " + p.detail(), results);
            }
            reason += "; probe passed";
        }
        if (policy.reproduce() != null) {
            GateResult r = reproduce.run(policy.reproduce(), ctx.get(), root, run);
            results.add(r);
            run.note("reproduce: " + r.status() + " " + r.detail());
            if (r.status() != Verdict.PASS) {
                return with(built, r.status(), "reproduce: " + r.detail(), results);
            }
            reason += "; " + r.detail();
        }
        return with(built, Verdict.PASS, reason, results);
    }

    private static GateOutcome with(GateOutcome built, Verdict v, String reason, List<GateResult> gates) {
        return built.with(v, reason.replace(" (unsandboxed)", ""), gates);
    }
}
