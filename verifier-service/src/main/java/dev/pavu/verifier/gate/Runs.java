package dev.pavu.verifier.gate;

import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.OutputSink;
import dev.pavu.verifier.sandbox.ProcessRunner;
import dev.pavu.verifier.sandbox.Sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one gate command in the sandbox within what is left of the candidate's limit, its output kept for judging. */
final class Runs {

    /**
     * @param result how it ended (a timeout names the candidate's whole limit)
     * @param output its output (head and tail, 256 KB each)
     * @param ms     wall-clock time, milliseconds
     */
    record Run(ExecResult result, String output, long ms) {
        boolean exited() {
            return result.termination() == ExecResult.Termination.EXITED;
        }
    }

    private Runs() {
    }

    /**
     * @param sandbox the sandbox
     * @param cfg     the sandbox settings (caps)
     * @param root    the working directory (writable)
     * @param command the command
     * @param env     its whole environment and the paths to keep visible read-only
     * @param ctx     the candidate's run: the command gets what is left of its limit (a timeout's detail names the whole
     *                limit); the command line and the output go to its log; its watch is polled for an early stop
     * @return how it went
     */
    static Run exec(Sandbox sandbox, VerifierConfig.Sandbox cfg, Path root, List<String> command, BuildGates.CommandEnv env,
                    RunContext ctx) {
        long remaining = ctx.remainingMs();
        Duration timeout = ctx.timeout();
        OutputCapture run = new OutputCapture(256 * 1024, 256 * 1024, null);
        ctx.note("$ " + String.join(" ", command) + "   [" + sandbox.name() + ", limit " + ProcessRunner.describe(remaining) + "]");
        long start = System.nanoTime();
        ExecResult r = sandbox.run(new ExecRequest(command, root, env.env(), Duration.ofMillis(remaining), false, List.of(),
                env.readOnlyPaths(), OutputSink.tee(run, ctx.log()), ctx.watch(), Limits.of(cfg, timeout)));
        if (r.termination() == ExecResult.Termination.TIMED_OUT) {
            r = new ExecResult(r.termination(), -1, r.durationMs(), "timed out after " + ProcessRunner.describe(timeout.toMillis())
                    + " (limit " + timeout.toMillis() + " ms); the process tree was killed", r.peakMemoryBytes());
        }
        return new Run(r, run.text(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    static void note(OutputCapture log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
