package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.CheckstyleToolchain;
import dev.pavu.verifier.toolchain.MavenOutput;
import dev.pavu.verifier.toolchain.PythonToolchain;
import dev.pavu.verifier.toolchain.SpotbugsToolchain;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code lint} gate: the linters a job's policy asks for, run in the sandbox after the tests pass, each only
 * where it applies and is installed — {@code checkstyle} (Maven projects, the Checkstyle Maven plugin offline, see
 * {@link CheckstyleToolchain}; the prefetch resolves it), {@code ruff} and {@code mypy} (Python projects, when
 * installed: {@link PythonToolchain}), {@code spotbugs} (Maven projects, on the built classes). A linter asked for but not available is named in the gate's detail and does not
 * fail the candidate. Only problems the candidate introduced fail it: when a linter reports problems, the job's
 * baseline is linted too (once per source and linter, {@link LintBaselines}) and its problems are subtracted, matched
 * without line numbers ({@link NewProblems}): {@code FAIL} at {@code lint},
 * {@code checkstyle: 1 new problem: src/main/java/demo/Foo.java:12:9: NeedBraces: 'if' construct must use '{}'s. (3
 * already in the baseline, ignored)}. {@code spotbugs} (Maven projects, {@link SpotbugsToolchain}) is prefetched and run
 * like {@code checkstyle}.
 */
@ApplicationScoped
public class LintGate {

    /** Name of the gate in verdicts. */
    public static final String LINT = "lint";
    private static final Pattern PROBLEM = Pattern.compile("^(?:\\[(?:ERROR|WARN|WARNING)] )?(\\S+?):(\\d+)(?::(\\d+))?:? (.+)$");
    private static final int SHOWN = 3;

    private final Sandbox sandbox;
    private final VerifierConfig config;
    private final PythonToolchain python;
    private final CheckstyleToolchain checkstyle;
    private final SpotbugsToolchain spotbugs;
    private final LintBaselines baselines;

    public LintGate(Sandbox sandbox, VerifierConfig config, PythonToolchain python, CheckstyleToolchain checkstyle,
                    SpotbugsToolchain spotbugs, LintBaselines baselines) {
        this.spotbugs = spotbugs;
        this.sandbox = sandbox;
        this.config = config;
        this.python = python;
        this.checkstyle = checkstyle;
        this.baselines = baselines;
    }

    /**
     * @param result the gate's result
     * @param failed true when the gate decides the verdict (new problems, or a linter run ended abnormally)
     */
    public record Lint(GateResult result, boolean failed) {
    }

    /** How one linter's run on one project root went. */
    sealed interface Attempt {
        /** Not run: not applicable, not installed, or it could not run to the end; {@code note} says which. */
        record NotRun(String note) implements Attempt {
        }

        /** The run ended abnormally (timeout, cancelled, a cap): the gate ends with this verdict. */
        record Abnormal(Verdict verdict, String detail) implements Attempt {
        }

        /**
         * The linter ran.
         *
         * @param problems what it reported
         * @param failure  when it failed without reporting a problem in a known form: {@code exited 2: <last lines>}
         */
        record Ran(List<LintProblem> problems, String failure) implements Attempt {
        }
    }

    /**
     * @param linters  the linters the policy names (not empty)
     * @param layout   the project's layout
     * @param ctx      how commands run in this project
     * @param root     the project root (patched, built)
     * @param source   the job's source: its baseline is linted to tell new problems from old ones
     * @param run      the candidate's run (the baseline's lint gets as long again as its limit, outside the candidate's)
     * @return the gate's result; FAIL when a linter reports new problems; TIMEOUT/SKIPPED/ERROR when a linter run ended
     * abnormally; PASS when at least one linter ran and none found new problems; SKIPPED when none could run
     */
    public Lint run(List<String> linters, BuildKind layout, BuildGates.CommandEnv ctx, Path root, SourceRef source, RunContext run) {
        long start = System.nanoTime();
        String tag = sandbox.isolated() ? "" : " (unsandboxed)";
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int ran = 0;
        for (String linter : linters) {
            Attempt a = attempt(linter, layout, ctx, root, run);
            switch (a) {
                case Attempt.NotRun n -> notes.add(n.note());
                case Attempt.Abnormal ab -> {
                    return new Lint(new GateResult(LINT, ab.verdict(), millis(start), linter + ": " + ab.detail() + tag), true);
                }
                case Attempt.Ran r -> {
                    ran++;
                    if (r.failure() != null) {
                        problems.add(linter + ": " + r.failure());
                    } else if (r.problems().isEmpty()) {
                        notes.add(linter + ": clean");
                    } else {
                        LintBaselines.Baseline base = baselines.get(source, baselineKey(linter), dir -> {
                            run.note("lint: " + linter + " reported problems; linting the baseline to ignore the ones already there");
                            return asBaseline(attempt(linter, layout, ctx, dir, run.restarted()));
                        });
                        String line = judge(linter, r.problems(), base);
                        if (line.startsWith(linter + ": no new problems")) {
                            notes.add(line);
                        } else {
                            problems.add(line);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(notes);
            return new Lint(new GateResult(LINT, Verdict.FAIL, millis(start), String.join("; ", all) + tag), true);
        }
        return new Lint(new GateResult(LINT, ran > 0 ? Verdict.PASS : Verdict.SKIPPED, millis(start), String.join("; ", notes) + tag), false);
    }

    /**
     * @param linter    the linter
     * @param candidate the candidate's problems (not empty)
     * @param base      the baseline's lint
     * @return {@code <linter>: N new problem(s): <first 3>[; …] (K already in the baseline, ignored)}, or
     * {@code <linter>: no new problems (K already in the baseline, ignored)}; when the baseline could not be linted,
     * every problem counts and the line says why
     */
    static String judge(String linter, List<LintProblem> candidate, LintBaselines.Baseline base) {
        if (!base.linted()) {
            return linter + ": " + count(candidate.size(), "problem") + ": " + shown(candidate)
                    + " (the baseline could not be linted, so all count: " + base.error() + ")";
        }
        NewProblems split = NewProblems.of(candidate, base.problems());
        String ignored = split.known() > 0 ? " (" + split.known() + " already in the baseline, ignored)" : "";
        if (split.fresh().isEmpty()) {
            return linter + ": no new problems" + ignored;
        }
        return linter + ": " + count(split.fresh().size(), "new problem") + ": " + shown(split.fresh()) + ignored;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String shown(List<LintProblem> ps) {
        List<String> s = ps.subList(0, Math.min(SHOWN, ps.size())).stream().map(LintProblem::toString).toList();
        return String.join("; ", s) + (ps.size() > SHOWN ? "; …" : "");
    }

    private static LintBaselines.Baseline asBaseline(Attempt a) {
        return switch (a) {
            case Attempt.Ran r when r.failure() == null -> new LintBaselines.Baseline(r.problems(), null);
            case Attempt.Ran r -> new LintBaselines.Baseline(List.of(), r.failure());
            case Attempt.NotRun n -> new LintBaselines.Baseline(List.of(), n.note());
            case Attempt.Abnormal ab -> new LintBaselines.Baseline(List.of(), ab.verdict() + " " + ab.detail());
        };
    }

    private String baselineKey(String linter) {
        return switch (linter) {
            case "checkstyle" -> linter + "@" + config.gates().checkstylePlugin();
            case "spotbugs" -> linter + "@" + config.gates().spotbugsPlugin();
            default -> linter;
        };
    }

    /** Runs one linter on one project root. */
    private Attempt attempt(String linter, BuildKind layout, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        return switch (linter) {
            case "ruff", "mypy" -> python(linter, layout, ctx, root, run);
            case "checkstyle" -> checkstyle(layout, ctx, root, run);
            case "spotbugs" -> spotbugs(layout, ctx, root, run);
            default -> new Attempt.NotRun(linter + ": unknown linter (known: checkstyle, spotbugs, ruff, mypy)");
        };
    }

    private Attempt python(String linter, BuildKind layout, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        if (layout != BuildKind.PYTHON) {
            return new Attempt.NotRun(linter + ": not run (it lints Python; this is a " + layout.name().toLowerCase() + " project)");
        }
        var command = python.interpreter().flatMap(i -> linter.equals("ruff") ? python.ruffCommand(i) : python.mypyCommand(i));
        if (command.isEmpty()) {
            return new Attempt.NotRun(linter + ": asked for but not installed here (" + (linter.equals("ruff")
                    ? "no ruff beside the interpreter or on PATH"
                    : "mypy is importable neither by the interpreter nor by /usr/bin/python3; Debian: apt-get install python3-mypy") + ")");
        }
        Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, command.get(), ctx, run);
        Attempt abnormal = abnormal(r);
        if (abnormal != null) {
            return abnormal;
        }
        if (r.result().exitCode() == 0) {
            return new Attempt.Ran(List.of(), null);
        }
        List<LintProblem> found = problems(r.output(), root);
        return new Attempt.Ran(found, found.isEmpty() ? "exited " + r.result().exitCode() + ": " + CommandGates.tail(r.output()) : null);
    }

    private Attempt checkstyle(BuildKind layout, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        return viaMavenPlugin("checkstyle", layout, () -> checkstyle.available() ? null : checkstyle.plugin() + " is not in the local repository "
                + checkstyle.pluginJar().getParent(), () -> {
            CheckstyleToolchain.Config cfg = CheckstyleToolchain.config(root);
            run.note("lint: checkstyle with " + cfg.source() + " configuration" + cfg.location().map(l -> " " + l).orElse(""));
            return checkstyle.command(cfg);
        }, () -> CheckstyleToolchain.violations(root).stream()
                .map(v -> new LintProblem(v.file(), v.line(), v.column(), v.rule(), v.message())).toList(),
                ctx, root, run);
    }

    private Attempt spotbugs(BuildKind layout, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        return viaMavenPlugin("spotbugs", layout, () -> spotbugs.available() ? null : spotbugs.plugin().coordinates()
                + " is not in the local repository " + spotbugs.pluginJar().getParent(), () -> spotbugs.command(),
                () -> SpotbugsToolchain.bugs(root).stream().map(b -> new LintProblem(b.file(), b.line(), 0, b.type(), b.message())).toList(),
                ctx, root, run);
    }

    /**
     * A linter run as a Maven plugin, offline, on Maven projects only: not run (named) when the plugin is missing
     * from the local repository or Maven does not run to the end; else the problems its reports hold.
     *
     * @param missing  what is missing (plugin and directory), or {@code null} when the plugin is there
     * @param command  the offline command (may write a note to the log)
     * @param problems reads the reports the run wrote
     */
    private Attempt viaMavenPlugin(String linter, BuildKind layout, Supplier<String> missing, Supplier<List<String>> command,
                                   Supplier<List<LintProblem>> problems, BuildGates.CommandEnv ctx, Path root, RunContext run) {
        if (layout != BuildKind.MAVEN) {
            return new Attempt.NotRun(linter + ": not run (it runs on Maven projects in this version; this is a "
                    + layout.name().toLowerCase() + " project)");
        }
        try {
            String absent = missing.get();
            if (absent != null) {
                return new Attempt.NotRun(linter + ": asked for but " + absent + " (runs are offline; the prefetch resolves it when "
                        + "pavu.verifier.maven.prefetch is on and Maven Central is reachable — see the prefetch log)");
            }
            Runs.Run r = Runs.exec(sandbox, config.sandbox(), root, command.get(), ctx, run);
            Attempt abnormal = abnormal(r);
            if (abnormal != null) {
                return abnormal;
            }
            if (r.result().exitCode() != 0) {
                return new Attempt.NotRun(linter + ": could not run to the end, not counted (Maven exited " + r.result().exitCode()
                        + ": " + java.util.Objects.requireNonNullElse(MavenOutput.firstError(r.output()), CommandGates.tail(r.output())) + ")");
            }
            return new Attempt.Ran(problems.get(), null);
        } catch (IllegalArgumentException | java.io.UncheckedIOException | IllegalStateException e) {
            return new Attempt.NotRun(linter + ": not run: " + e.getMessage());
        }
    }

    private static Attempt abnormal(Runs.Run r) {
        return switch (r.result().termination()) {
            case TIMED_OUT -> new Attempt.Abnormal(Verdict.TIMEOUT, r.result().detail());
            case CANCELLED -> new Attempt.Abnormal(Verdict.SKIPPED, r.result().detail());
            case LIMIT_EXCEEDED, FAILED_TO_START -> new Attempt.Abnormal(Verdict.ERROR, r.result().detail());
            case EXITED -> null;
        };
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * @param output a linter's output ({@code path:line[:col]: message} lines: ruff, mypy); mypy's {@code note:} lines
     *               are not problems
     * @param root   the project root (absolute paths are made relative to it)
     * @return the problems, in output order
     */
    static List<LintProblem> problems(String output, Path root) {
        String prefix = root.toAbsolutePath().normalize() + "/";
        List<LintProblem> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = PROBLEM.matcher(line.strip());
            if (m.matches() && !m.group(1).startsWith("http") && (m.group(1).contains(".") || m.group(1).contains("/"))
                    && !m.group(4).startsWith("note:")) {
                String path = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
                path = path.startsWith("./") ? path.substring(2) : path;
                found.add(new LintProblem(path, Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                        "", m.group(4)));
            }
        }
        return found;
    }
}
