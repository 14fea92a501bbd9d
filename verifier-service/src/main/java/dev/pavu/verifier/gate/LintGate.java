package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.verifier.toolchain.PythonToolchain;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code lint} gate: the linters a job's policy asks for, run in the sandbox after the tests pass, each only
 * where it applies and is installed — {@code checkstyle} (Maven projects, through the Checkstyle Maven plugin, offline:
 * only when the plugin is in the local repository), {@code ruff} and {@code mypy} (Python projects, when installed
 * beside the interpreter or on {@code PATH}). A linter asked for but not available is named in the gate's detail and
 * does not fail the candidate; one that reports problems fails it ({@code FAIL} at {@code lint},
 * {@code ruff: 2 problems: calc.py:1:8: F401 [*] `os` imported but unused; …}). {@code spotbugs} is not run in this
 * version (said in the detail).
 */
@ApplicationScoped
public class LintGate {

    /** Name of the gate in verdicts. */
    public static final String LINT = "lint";
    private static final Pattern PROBLEM = Pattern.compile("^(?:\\[(?:ERROR|WARN|WARNING)] )?(\\S+?):(\\d+)(?::(\\d+))?:? (.+)$");

    private final Sandbox sandbox;
    private final VerifierConfig config;
    private final PythonToolchain python;
    private final MavenToolchain maven;

    public LintGate(Sandbox sandbox, VerifierConfig config, PythonToolchain python, MavenToolchain maven) {
        this.sandbox = sandbox;
        this.config = config;
        this.python = python;
        this.maven = maven;
    }

    /**
     * @param result the gate's result
     * @param failed true when a linter reported problems
     */
    public record Lint(GateResult result, boolean failed) {
    }

    /**
     * @param linters  the linters the policy names (not empty)
     * @param layout   the project's layout
     * @param ctx      how commands run in this project
     * @param root     the project root
     * @param deadline {@link System#nanoTime()} at which the candidate's limit passes
     * @param timeout  the candidate's whole limit
     * @param log      the candidate's log
     * @param watch    polled for an early stop
     * @return the gate's result; TIMEOUT/SKIPPED/ERROR when a linter run ended abnormally
     */
    public Lint run(List<String> linters, String layout, BuildGates.RunContext ctx, Path root, long deadline, Duration timeout,
                    OutputCapture log, RunWatch watch) {
        long start = System.nanoTime();
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int ran = 0;
        for (String linter : linters) {
            Optional<List<String>> command;
            String unavailable;
            switch (linter) {
                case "ruff", "mypy" -> {
                    if (!"PYTHON".equals(layout)) {
                        notes.add(linter + ": not run (it lints Python; this is a " + layout.toLowerCase() + " project)");
                        continue;
                    }
                    var py = python.interpreter();
                    command = py.flatMap(i -> linter.equals("ruff") ? python.ruffCommand(i) : python.mypyCommand(i));
                    unavailable = linter + ": asked for but not installed here (" + (linter.equals("ruff")
                            ? "no ruff beside the interpreter or on PATH" : "mypy is not importable by the interpreter") + ")";
                }
                case "checkstyle" -> {
                    if (!"MAVEN".equals(layout)) {
                        notes.add("checkstyle: not run (it runs on Maven projects in this version; this is a "
                                + layout.toLowerCase() + " project)");
                        continue;
                    }
                    command = checkstyleCommand();
                    unavailable = "checkstyle: asked for but " + config.gates().checkstylePlugin()
                            + " is not in the local repository " + maven.localRepository() + " (runs are offline; prefetch it there)";
                }
                case "spotbugs" -> {
                    notes.add("spotbugs: not supported in this version (use checkstyle)");
                    continue;
                }
                default -> {
                    notes.add(linter + ": unknown linter (known: checkstyle, spotbugs, ruff, mypy)");
                    continue;
                }
            }
            if (command.isEmpty()) {
                notes.add(unavailable);
                continue;
            }
            ran++;
            Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, command.get(), ctx.env(), ctx.readOnlyPaths(), deadline, timeout, log, watch);
            long ms = (System.nanoTime() - start) / 1_000_000;
            switch (r.result().termination()) {
                case TIMED_OUT -> {
                    return new Lint(new GateResult(LINT, Verdict.TIMEOUT, ms, linter + ": " + r.result().detail() + tag), true);
                }
                case CANCELLED -> {
                    return new Lint(new GateResult(LINT, Verdict.SKIPPED, ms, linter + ": " + r.result().detail() + tag), true);
                }
                case LIMIT_EXCEEDED, FAILED_TO_START -> {
                    return new Lint(new GateResult(LINT, Verdict.ERROR, ms, linter + ": " + r.result().detail() + tag), true);
                }
                case EXITED -> {
                }
            }
            if (r.result().exitCode() == 0) {
                notes.add(linter + ": clean");
            } else {
                List<String> found = problems(r.output(), root, linter);
                problems.add(linter + ": " + (found.isEmpty() ? "exited " + r.result().exitCode() + ": " + CommandGates.tail(r.output())
                        : found.size() + (found.size() == 1 ? " problem: " : " problems: ")
                        + String.join("; ", found.subList(0, Math.min(3, found.size()))) + (found.size() > 3 ? "; …" : "")));
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(notes);
            return new Lint(new GateResult(LINT, Verdict.FAIL, ms, String.join("; ", all) + tag), true);
        }
        return new Lint(new GateResult(LINT, ran > 0 ? Verdict.PASS : Verdict.SKIPPED, ms, String.join("; ", notes) + tag), false);
    }

    /** @return the Checkstyle plugin's {@code check} goal, offline, when the plugin is in the local repository */
    Optional<List<String>> checkstyleCommand() {
        String[] gav = config.gates().checkstylePlugin().split(":");
        if (gav.length != 3) {
            return Optional.empty();
        }
        Path jar = maven.localRepository().resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        return Optional.of(List.of(config.maven().command(), "-o", "-B", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + maven.localRepository(), config.gates().checkstylePlugin() + ":check",
                "-Dcheckstyle.failOnViolation=true", "-Dcheckstyle.consoleOutput=true"));
    }

    /** @return the problem lines of a linter's output ({@code path:line[:col]: message}), paths relative to the root */
    static List<String> problems(String output, Path root, String linter) {
        String prefix = root.toAbsolutePath().normalize() + "/";
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = PROBLEM.matcher(line.strip());
            if (m.matches() && !m.group(1).startsWith("http") && (m.group(1).contains(".") || m.group(1).contains("/"))) {
                String path = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
                found.add(path + ":" + m.group(2) + (m.group(3) == null ? "" : ":" + m.group(3)) + ": " + m.group(4).strip());
            }
        }
        return found;
    }
}
