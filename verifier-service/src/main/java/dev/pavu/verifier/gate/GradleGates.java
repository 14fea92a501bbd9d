package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.GradleToolchain;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gradle projects: {@code static} = {@code gradle --offline testClasses} (FAIL {@code does not compile:
 * src/main/java/demo/Calc.java:2 ';' expected}; any other build failure ERROR with Gradle's "What went wrong"),
 * {@code tests} = {@code gradle --offline test --continue}, the plan's tests first with {@code --tests Class.method};
 * failing tests from {@code build/test-results/**}{@code /TEST-*.xml}.
 */
@Singleton
public class GradleGates extends CommandGates {

    private final GradleToolchain gradle;
    private final Map<Path, GradleToolchain.Choice> chosen = new ConcurrentHashMap<>();
    private final Map<Path, Path> inits = new ConcurrentHashMap<>();

    public GradleGates(Sandbox sandbox, VerifierConfig config, GradleToolchain gradle) {
        super(sandbox, config);
        this.gradle = gradle;
    }

    @Override
    public BuildKind kind() {
        return BuildKind.GRADLE;
    }

    @Override
    protected String prepare(Path root) {
        Optional<GradleToolchain.Choice> c = gradle.choose(root);
        if (c.isEmpty()) {
            return "no Gradle: " + GradleToolchain.wrapperDistribution(root).map(d -> "the wrapper's " + d
                    + " is not available offline and ").orElse("") + "'" + config.gradle().command() + "' is not found here "
                    + "(pavu.verifier.gradle.command)";
        }
        try {
            inits.put(root, gradle.prepare(root));
        } catch (IOException e) {
            return "cannot prepare the Gradle run: " + e.getMessage();
        }
        chosen.put(root, c.get());
        return null;
    }

    @Override
    public GateOutcome run(Path root, List<String> testsFirst, java.time.Duration timeout, OutputCapture log,
                           dev.pavu.verifier.sandbox.RunWatch watch) {
        try {
            GradleToolchain.clearReports(root);
            gradle.choose(root).ifPresent(c -> Runs.note(log, "Gradle: " + c.note()));
            return super.run(root, testsFirst, timeout, log, watch);
        } finally {
            chosen.remove(root);
            inits.remove(root);
        }
    }

    @Override
    protected Optional<List<String>> staticCommand(Path root) {
        return Optional.of(gradle.compileCommand(chosen.get(root), inits.get(root)));
    }

    @Override
    protected StaticFailure staticFailure(Path root, String output) {
        if (GradleToolchain.compilationFailed(output)) {
            List<String> errors = GradleToolchain.compilerErrors(output, root, 3);
            return new StaticFailure(Verdict.FAIL, errors.isEmpty() ? "compilation failed: " + tail(output)
                    : "does not compile: " + String.join("; ", errors));
        }
        String wrong = GradleToolchain.whatWentWrong(output);
        return new StaticFailure(Verdict.ERROR, "the build failed before the tests: " + (wrong == null ? tail(output) : wrong));
    }

    @Override
    protected Optional<TestRun> testRun(Path root, List<String> tests, OutputCapture log) {
        GradleToolchain.clearReports(root);
        return Optional.of(new TestRun(gradle.testCommand(chosen.get(root), inits.get(root), tests),
                () -> GradleToolchain.reports(root)));
    }

    @Override
    protected StaticFailure unexplainedExit(int exitCode, String output, boolean junit) {
        String wrong = GradleToolchain.whatWentWrong(output);
        if (wrong != null && wrong.contains("No tests found for given includes")) {
            return new StaticFailure(Verdict.ERROR, "the plan's tests are not in this project: " + wrong);
        }
        return new StaticFailure(Verdict.ERROR, "the test run failed: " + (wrong == null ? tail(output) : wrong));
    }

    @Override
    public Optional<CommandEnv> context(Path root) {
        return gradle.choose(root).map(c -> new CommandEnv(gradle.environment(root), gradle.readOnlyPaths(c)));
    }

    @Override
    protected CommandEnv runContext(Path root) {
        GradleToolchain.Choice c = chosen.get(root);
        if (c == null) {
            c = gradle.choose(root).orElseThrow();
        }
        return new CommandEnv(gradle.environment(root), gradle.readOnlyPaths(c));
    }
}
