package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.PythonToolchain;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python projects: {@code static} = {@code python3 -m compileall -q} (FAIL {@code does not compile: calc.py:2
 * SyntaxError: invalid syntax}), {@code tests} = pytest with a JUnit XML report, the plan's tests first as pytest
 * node ids. pytest's exit code 5 (no tests collected) passes with "no tests ran"; 2–4 (interrupted, internal or
 * usage error) without a failing test in the report give ERROR.
 */
@Singleton
public class PythonGates extends CommandGates {

    private final PythonToolchain python;
    private final AtomicInteger runs = new AtomicInteger();

    public PythonGates(Sandbox sandbox, VerifierConfig config, PythonToolchain python) {
        super(sandbox, config);
        this.python = python;
    }

    @Override
    public BuildKind kind() {
        return BuildKind.PYTHON;
    }

    @Override
    protected String prepare(Path root) {
        return python.interpreter().isPresent() ? null : python.missing();
    }

    @Override
    protected Optional<List<String>> staticCommand(Path root) {
        return Optional.of(python.compileCommand(python.interpreter().orElseThrow()));
    }

    @Override
    protected StaticFailure staticFailure(Path root, String output) {
        List<String> errors = PythonToolchain.compileErrors(output, root, 3);
        return new StaticFailure(Verdict.FAIL, "does not compile: " + (errors.isEmpty() ? tail(output) : String.join("; ", errors)));
    }

    @Override
    protected Optional<TestRun> testRun(Path root, List<String> tests, OutputCapture log) {
        List<String> ids = PythonToolchain.nodeIds(root, tests);
        if (!tests.isEmpty() && ids.isEmpty()) {
            Runs.note(log, "none of the plan's tests is a test of a module of this project; running the whole suite only");
            return Optional.empty();
        }
        Path report = root.resolve(".pavu-reports").resolve("pytest-" + runs.incrementAndGet() + ".xml");
        try {
            Files.createDirectories(report.getParent());
            Files.deleteIfExists(report);
        } catch (IOException e) {
            // pytest creates the directory itself
        }
        return Optional.of(new TestRun(python.testCommand(python.interpreter().orElseThrow(), ids, report), () -> List.of(report)));
    }

    @Override
    protected StaticFailure unexplainedExit(int exitCode, String output, boolean junit) {
        return switch (exitCode) {
            case 1 -> new StaticFailure(Verdict.FAIL, "pytest reported failures: " + tail(output));
            case 5 -> null; // no tests collected
            default -> new StaticFailure(Verdict.ERROR, "the test run failed: pytest exited " + exitCode + ": " + tail(output));
        };
    }

    @Override
    protected CommandEnv runContext(Path root) {
        PythonToolchain.Interpreter py = python.interpreter().orElseThrow();
        return new CommandEnv(python.environment(py), py.roots());
    }
}
