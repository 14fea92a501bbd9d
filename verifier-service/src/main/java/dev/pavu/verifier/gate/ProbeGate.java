package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.ProbeSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.ProcessRunner;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.Executables;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code probe} gate: the candidate's application is started, checked and stopped by one shell script
 * ({@code probe.sh}) inside the candidate's sandbox, so the application and the check share the sandbox's private
 * loopback network (nothing else is reachable) and the application dies with the sandbox at the latest. The script
 * starts {@link ProbeSpec#startCommand()} in its own process group, polls {@link ProbeSpec#healthUrl()} (curl, else
 * python3) every 200 ms until it answers 2xx (503 = still starting), runs {@link ProbeSpec#smokeCommand()}, then stops
 * the application (TERM, 3 s, KILL). Verdicts: FAIL at {@code probe} with {@code health URL http://127.0.0.1:8080/health
 * answered 500 after 3 s}, {@code health URL … did not answer within 20 s}, {@code the application exited with code 1
 * after 0.4 s: <last lines>}, {@code smoke command exited 1: <last lines>}; ERROR for a probe without a start or smoke
 * command or without an HTTP client; TIMEOUT when the candidate's limit passes first.
 */
@ApplicationScoped
public class ProbeGate {

    /** Name of the gate in verdicts. */
    public static final String PROBE = "probe";
    private static final Pattern RESULT = Pattern.compile("^PAVU-PROBE (\\w+)((?: \\w+=\\S*)*)\\s*$", Pattern.MULTILINE);
    private static final String SCRIPT = load();

    private final Sandbox sandbox;
    private final VerifierConfig config;

    public ProbeGate(Sandbox sandbox, VerifierConfig config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    /**
     * @param probe    what to start and check
     * @param ctx      how commands run in this project (environment, read-only paths)
     * @param root     the project root (the application's working directory)
     * @param run      the candidate's run (what is left of its limit; the script's and the application's output go to its log)
     * @return the gate's result
     */
    public GateResult run(ProbeSpec probe, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        if (blank(probe.startCommand()) && blank(probe.smokeCommand())) {
            return new GateResult(PROBE, Verdict.ERROR, 0, "the probe has neither a start command nor a smoke command" + tag);
        }
        if (!blank(probe.healthUrl()) && blank(probe.startCommand())) {
            return new GateResult(PROBE, Verdict.ERROR, 0, "the probe has a health URL but no start command" + tag);
        }
        long waitMs = probe.timeoutMs() > 0 ? probe.timeoutMs() : config.gates().probeTimeout().toMillis();
        Map<String, String> env = new HashMap<>(ctx.env());
        env.put("PAVU_PROBE_START", nonNull(probe.startCommand()));
        env.put("PAVU_PROBE_URL", nonNull(probe.healthUrl()));
        env.put("PAVU_PROBE_SMOKE", nonNull(probe.smokeCommand()));
        env.put("PAVU_PROBE_TIMEOUT_MS", Long.toString(waitMs));
        run.note("runtime probe: start " + describe(probe.startCommand()) + ", health " + describe(probe.healthUrl())
                + ", smoke " + describe(probe.smokeCommand()) + ", wait up to " + ProcessRunner.describe(waitMs));
        Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, List.of("sh", "-c", SCRIPT, "pavu-probe"),
                new BuildGates.CommandEnv(env, ctx.readOnlyPaths()), run);
        ExecResult res = r.result();
        return switch (res.termination()) {
            case TIMED_OUT -> new GateResult(PROBE, Verdict.TIMEOUT, r.ms(), res.detail() + " in the probe gate" + tag);
            case CANCELLED -> new GateResult(PROBE, Verdict.SKIPPED, r.ms(), res.detail() + tag);
            case LIMIT_EXCEEDED, FAILED_TO_START -> new GateResult(PROBE, Verdict.ERROR, r.ms(), res.detail() + tag);
            case EXITED -> judge(probe, res.exitCode(), r.output(), r.ms(), waitMs, tag);
        };
    }

    static GateResult judge(ProbeSpec probe, int exitCode, String output, long ms, long waitMs, String tag) {
        Map<String, String> kv = new HashMap<>();
        String result = "";
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            result = m.group(1);
            kv.clear();
            for (String pair : m.group(2).trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    kv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        String after = kv.containsKey("after") ? ProcessRunner.describe(parse(kv.get("after"))) : "?";
        String why = switch (exitCode) {
            case 0 -> null;
            case 10 -> "health URL " + probe.healthUrl() + " answered " + kv.getOrDefault("code", "?") + " after " + after;
            case 11 -> "health URL " + probe.healthUrl() + " did not answer within " + ProcessRunner.describe(waitMs)
                    + (kv.getOrDefault("last", "000").equals("000") ? "" : " (last answer: " + kv.get("last") + ")");
            case 12 -> "the application exited with code " + kv.getOrDefault("code", "?") + " after " + after
                    + lines(output, "[app] ");
            case 13 -> "smoke command exited " + kv.getOrDefault("code", "?") + lines(output, "[smoke] ");
            case 14 -> null;
            default -> "the probe script failed (exit code " + exitCode + "): " + Executables.lastLines(output, 3, 300);
        };
        if (exitCode == 14) {
            return new GateResult(PROBE, Verdict.ERROR, ms, "no HTTP client (curl or python3) inside the sandbox to poll "
                    + probe.healthUrl() + tag);
        }
        if (why == null && "passed".equals(result)) {
            String what = blank(probe.healthUrl()) ? "" : "health URL " + probe.healthUrl() + " answered 2xx";
            if (!blank(probe.smokeCommand())) {
                what += (what.isEmpty() ? "" : ", ") + "smoke command passed";
            }
            if (what.isEmpty()) {
                what = "the application started and stayed up";
            }
            return new GateResult(PROBE, Verdict.PASS, ms, what + tag);
        }
        return new GateResult(PROBE, why == null ? Verdict.ERROR : Verdict.FAIL, ms,
                (why == null ? "the probe script ended without a result: " + Executables.lastLines(output, 3, 300) : why) + tag);
    }

    /** @return {@code ": a | b | c"} from the last lines carrying a prefix, or "" */
    private static String lines(String output, String prefix) {
        String text = String.join("\n", output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList());
        String last = Executables.lastLines(text, 3, 300);
        return last.isEmpty() ? "" : ": " + last;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String describe(String s) {
        return blank(s) ? "-" : "'" + s + "'";
    }

    private static String load() {
        try (InputStream in = ProbeGate.class.getResourceAsStream("probe.sh")) {
            if (in == null) {
                throw new IllegalStateException("probe.sh is missing from the verifier's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long remainingMs(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
