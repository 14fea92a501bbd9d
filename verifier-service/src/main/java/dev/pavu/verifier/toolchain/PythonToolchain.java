package dev.pavu.verifier.toolchain;

import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command lines and environment of a Python project's gates: {@code python3 -m compileall -q} (static),
 * {@code python3 -m pytest -q --junitxml=<file>} (tests, optionally limited to pytest node ids), {@code ruff check}
 * and {@code python3 -m mypy} (linters, when installed).
 *
 * <p>The interpreter is resolved once: the configured command (pyenv shims included) is asked for
 * {@code sys.executable}, {@code sys.prefix} and {@code sys.base_prefix}; the runs use the real executable and see
 * those installation directories read-only inside the sandbox (pyenv keeps them below {@code /root}, which the
 * sandbox otherwise hides).
 */
@ApplicationScoped
public class PythonToolchain {

    /** Directories compileall and the linters leave alone (regular expression on the path, {@code compileall -x}). */
    static final String EXCLUDE = "(^|/)(\\.git|\\.venv|venv|\\.tox|node_modules|__pycache__|\\.pavu[^/]*)(/|$)";
    private static final Pattern FILE_LINE = Pattern.compile("^\\s*File \"(.+?)\", line (\\d+)");
    private static final Pattern PY_ERROR = Pattern.compile("^(\\w*(?:Error|Exception)): (.*)$");

    /**
     * A resolved interpreter.
     *
     * @param executable the real interpreter
     * @param roots      its installation directories (prefix and base prefix)
     * @param mypy       whether {@code import mypy} works with it
     */
    public record Interpreter(Path executable, List<Path> roots, boolean mypy) {
    }

    private final VerifierConfig config;
    private volatile Optional<Interpreter> interpreter;

    public PythonToolchain(VerifierConfig config) {
        this.config = config;
    }

    /** @return the interpreter, when the configured command runs; asked once */
    public Optional<Interpreter> interpreter() {
        Optional<Interpreter> i = interpreter;
        if (i == null) {
            i = resolve(config.python().command());
            interpreter = i;
        }
        return i;
    }

    static Optional<Interpreter> resolve(String command) {
        Optional<String> out = Executables.output(List.of(command, "-I", "-c",
                "import sys, importlib.util as u\nprint(sys.executable)\nprint(sys.prefix)\nprint(sys.base_prefix)\n"
                        + "print(u.find_spec('mypy') is not None)"), 20_000);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = out.get().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 4) {
            return Optional.empty();
        }
        List<Path> roots = new ArrayList<>();
        for (String r : lines.subList(1, 3)) {
            Path p = Path.of(r).toAbsolutePath().normalize();
            if (!roots.contains(p)) {
                roots.add(p);
            }
        }
        return Optional.of(new Interpreter(Path.of(lines.get(0)), roots, Boolean.parseBoolean(lines.get(3).toLowerCase())));
    }

    /** @return why there is no interpreter, for an ERROR verdict */
    public String missing() {
        return "no Python interpreter: '" + config.python().command() + "' does not run here (pavu.verifier.python.command)";
    }

    /** @return the static gate: byte-compile every source below the workspace, excluding tool directories */
    public List<String> compileCommand(Interpreter py) {
        return List.of(py.executable().toString(), "-m", "compileall", "-q", "-x", EXCLUDE, ".");
    }

    /**
     * @param py      the interpreter
     * @param nodeIds pytest node ids to run instead of the whole suite; empty = all
     * @param report  the JUnit XML file pytest writes
     * @return the test command
     */
    public List<String> testCommand(Interpreter py, List<String> nodeIds, Path report) {
        List<String> c = new ArrayList<>(List.of(py.executable().toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "--junitxml=" + report));
        c.addAll(nodeIds);
        return c;
    }

    /**
     * pytest node ids of test ids as the verifier reports them ({@code classname#name} of the JUnit XML: the module's
     * dotted path, then the classes): {@code tests.test_calc#test_add} → {@code tests/test_calc.py::test_add},
     * {@code tests.test_calc.TestMore#test_zero} → {@code tests/test_calc.py::TestMore::test_zero}.
     *
     * @param root    the project root (the module file must exist)
     * @param testIds test ids
     * @return the node ids found, in order; ids whose module is not a file of the project are left out
     */
    public static List<String> nodeIds(Path root, List<String> testIds) {
        List<String> ids = new ArrayList<>();
        for (String id : testIds) {
            int hash = id.indexOf('#');
            if (hash <= 0 || hash == id.length() - 1) {
                continue;
            }
            String[] parts = id.substring(0, hash).split("\\.");
            String name = id.substring(hash + 1);
            for (int n = parts.length; n >= 1; n--) {
                String file = String.join("/", java.util.Arrays.copyOfRange(parts, 0, n)) + ".py";
                if (Files.isRegularFile(root.resolve(file))) {
                    StringBuilder sb = new StringBuilder(file);
                    for (int k = n; k < parts.length; k++) {
                        sb.append("::").append(parts[k]);
                    }
                    String nodeId = sb.append("::").append(name).toString();
                    if (!ids.contains(nodeId)) {
                        ids.add(nodeId);
                    }
                    break;
                }
            }
        }
        return ids;
    }

    /** @return {@code ruff check} when a {@code ruff} executable is beside the interpreter or on PATH */
    public Optional<List<String>> ruffCommand(Interpreter py) {
        Path beside = py.executable().getParent().resolve("ruff");
        Optional<Path> ruff = Files.isExecutable(beside) ? Optional.of(beside) : Executables.which("ruff");
        return ruff.map(r -> List.of(r.toString(), "check", "--no-cache", "--exclude", ".pavu*", "."));
    }

    /**
     * mypy over the whole project: {@code <interpreter> -m mypy …} when mypy is importable by the project's interpreter,
     * else Debian's {@code python3-mypy} ({@value #SYSTEM_PYTHON} {@code -m mypy}) told to resolve the project's imports
     * with the project's interpreter ({@code --python-executable}); {@code /usr} is visible in the sandbox.
     *
     * @param py the project's interpreter
     * @return the command, run in the project root; empty when neither has mypy
     */
    public Optional<List<String>> mypyCommand(Interpreter py) {
        List<String> c = new ArrayList<>();
        if (py.mypy()) {
            c.addAll(List.of(py.executable().toString(), "-m", "mypy"));
        } else if (systemMypy()) {
            c.addAll(List.of(SYSTEM_PYTHON, "-m", "mypy", "--python-executable", py.executable().toString()));
        } else {
            return Optional.empty();
        }
        c.addAll(List.of("--cache-dir=/dev/null", "--no-error-summary", "--hide-error-context", "--exclude", "(^|/)\\.pavu", "."));
        return Optional.of(List.copyOf(c));
    }

    /** The system interpreter whose mypy (Debian: {@code apt-get install python3-mypy}) is used when the project's has none. */
    static final String SYSTEM_PYTHON = "/usr/bin/python3";
    private volatile Boolean systemMypy;

    private boolean systemMypy() {
        Boolean b = systemMypy;
        if (b == null) {
            b = Files.isExecutable(Path.of(SYSTEM_PYTHON))
                    && Executables.output(List.of(SYSTEM_PYTHON, "-I", "-m", "mypy", "--version"), 20_000).isPresent();
            systemMypy = b;
        }
        return b;
    }

    /**
     * @param output compileall's output
     * @param root   the project root (to shorten paths)
     * @param max    errors at most
     * @return e.g. {@code calc.py:2 SyntaxError: invalid syntax}
     */
    public static List<String> compileErrors(String output, Path root, int max) {
        List<String> errors = new ArrayList<>();
        String where = null;
        for (String line : output.split("\n")) {
            Matcher f = FILE_LINE.matcher(line);
            if (f.find()) {
                where = shorten(f.group(1), root) + ":" + f.group(2);
                continue;
            }
            Matcher e = PY_ERROR.matcher(line.strip());
            if (e.matches() && where != null) {
                String err = where + " " + e.group(1) + ": " + e.group(2);
                if (!errors.contains(err)) {
                    errors.add(err);
                }
                where = null;
                if (errors.size() >= max) {
                    break;
                }
            }
        }
        return errors;
    }

    static String shorten(String path, Path root) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        String prefix = root.toAbsolutePath().normalize() + "/";
        return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
    }

    /**
     * @param py the interpreter
     * @return the whole environment of a run: the interpreter's directory first on {@code PATH}, byte code kept out
     * of the workspace, {@code HOME} the sandbox's private {@code /tmp}
     */
    public Map<String, String> environment(Interpreter py) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", py.executable().getParent() + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", "/tmp");
        env.put("PYTHONPYCACHEPREFIX", "/tmp/pavu-pycache");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        return env;
    }
}
