package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.Executables;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code reproduce} gate of a {@code FIX_LOG} job: the job's reproduce command runs as {@code sh -c <command>} in
 * the candidate's workspace inside its sandbox, exactly as the test command does (same environment, read-only paths,
 * no network, only the workspace writable, what is left of the candidate's limit), and its output is searched for the
 * logged failure ({@link dev.pavu.contracts.LoggedFailure#occursIn}). Verdicts: FAIL {@code the logged failure
 * java.lang.IllegalStateException at demo.Parser.parse still reproduces under 'java -cp out demo.Main'}; PASS {@code the
 * logged failure … no longer reproduces (the command exited 0)}; TIMEOUT when the candidate's limit passes; ERROR when
 * the command cannot be started or exceeds the sandbox's limits.
 */
@ApplicationScoped
public class ReproduceGate {

    /** Name of the gate in verdicts. */
    public static final String REPRODUCE = "reproduce";

    private final Sandbox sandbox;
    private final VerifierConfig config;

    public ReproduceGate(Sandbox sandbox, VerifierConfig config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    /**
     * @param spec the command and the logged failure
     * @param ctx  how commands run in this project (environment, read-only paths)
     * @param root the candidate's workspace (the command's working directory)
     * @param run  the candidate's run (what is left of its limit; the command's output goes to its log)
     * @return the gate's result
     */
    public GateResult run(ReproduceSpec spec, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        run.note("reproduce: looking for " + spec.failure().describe() + " in the output of '" + spec.command() + "'");
        Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, List.of("sh", "-c", spec.command()), ctx, run);
        ExecResult res = r.result();
        return switch (res.termination()) {
            case TIMED_OUT -> new GateResult(REPRODUCE, Verdict.TIMEOUT, r.ms(), res.detail() + " in the reproduce gate" + tag);
            case CANCELLED -> new GateResult(REPRODUCE, Verdict.SKIPPED, r.ms(), res.detail() + tag);
            case LIMIT_EXCEEDED, FAILED_TO_START -> new GateResult(REPRODUCE, Verdict.ERROR, r.ms(), res.detail() + tag);
            case EXITED -> judge(spec, res.exitCode(), r.output(), r.ms(), tag);
        };
    }

    /**
     * @param spec     the command and the logged failure
     * @param exitCode the command's exit code
     * @param output   its output
     * @param ms       its wall-clock time, milliseconds
     * @param tag      {@code " (unsandboxed)"} or ""
     * @return FAIL when the failure occurs in the output, else PASS
     */
    /** @return the command as reasons show it: at most 120 characters */
    static String shown(String command) {
        String c = command.strip();
        return c.length() <= 120 ? c : c.substring(0, 119) + "…";
    }

    static GateResult judge(ReproduceSpec spec, int exitCode, String output, long ms, String tag) {
        String what = "the logged failure " + spec.failure().describe();
        if (spec.failure().occursIn(output)) {
            return new GateResult(REPRODUCE, Verdict.FAIL, ms, what + " still reproduces under '" + shown(spec.command()) + "'" + tag);
        }
        String last = exitCode == 0 ? "" : ": " + Executables.lastLines(output, 2, 200);
        return new GateResult(REPRODUCE, Verdict.PASS, ms, what + " no longer reproduces (the command exited " + exitCode
                + last + ")" + tag);
    }
}
