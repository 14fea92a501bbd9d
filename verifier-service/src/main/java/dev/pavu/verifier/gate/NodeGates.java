package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.NodeToolchain;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node projects: {@code static} = {@code node --check} on every source (FAIL {@code does not compile: calc.js:2
 * SyntaxError: Unexpected token ';'}), {@code tests} = {@code npm test} offline. With Node's own runner as the test
 * script, failing tests are named from its JUnit report and the plan's tests run first by name; any other script is
 * judged by its exit code (FAIL {@code npm test exited 1: <last lines>}).
 */
@Singleton
public class NodeGates extends CommandGates {

    private final NodeToolchain node;
    private final AtomicInteger runs = new AtomicInteger();

    public NodeGates(Sandbox sandbox, VerifierConfig config, NodeToolchain node) {
        super(sandbox, config);
        this.node = node;
    }

    @Override
    public BuildKind kind() {
        return BuildKind.NODE;
    }

    @Override
    protected String prepare(Path root) {
        if (node.node().isEmpty()) {
            return "no Node.js: '" + config.node().command() + "' is not found here (pavu.verifier.node.command)";
        }
        if (node.npm().isEmpty()) {
            return "no npm: '" + config.node().npmCommand() + "' is not found here (pavu.verifier.node.npm-command)";
        }
        if (NodeToolchain.testScript(root) == null) {
            return "package.json has no scripts.test: Pavu runs a Node project's tests with npm test";
        }
        return null;
    }

    @Override
    protected Optional<List<String>> staticCommand(Path root) {
        List<String> files = NodeToolchain.sources(root);
        return files.isEmpty() ? Optional.empty() : Optional.of(node.checkCommand(node.node().orElseThrow(), files));
    }

    @Override
    protected StaticFailure staticFailure(Path root, String output) {
        List<String> errors = NodeToolchain.syntaxErrors(output, root);
        return new StaticFailure(Verdict.FAIL, "does not compile: " + (errors.isEmpty() ? tail(output) : String.join("; ", errors)));
    }

    @Override
    protected Optional<TestRun> testRun(Path root, List<String> tests, OutputCapture log) {
        boolean runner = NodeToolchain.usesNodeTestRunner(root);
        if (!tests.isEmpty() && !runner) {
            Runs.note(log, "the test script is not Node's test runner (node --test), so tests cannot be selected; running the whole suite only");
            return Optional.empty();
        }
        List<String> names = NodeToolchain.testNames(tests);
        Path report = root.resolve(".pavu-reports").resolve("node-" + runs.incrementAndGet() + ".xml");
        try {
            Files.createDirectories(report.getParent());
            Files.deleteIfExists(report);
        } catch (IOException e) {
            // the reporter then fails and says so in the output
        }
        return Optional.of(new TestRun(node.testCommand(node.npm().orElseThrow(), root, names, report),
                runner ? () -> List.of(report) : null));
    }

    @Override
    protected boolean freeTextTestNames() {
        return true;
    }

    @Override
    protected StaticFailure unexplainedExit(int exitCode, String output, boolean junit) {
        return new StaticFailure(Verdict.FAIL, "npm test exited " + exitCode + ": " + tail(output));
    }

    @Override
    protected CommandEnv runContext(Path root) {
        var n = node.node().orElseThrow();
        return new CommandEnv(node.environment(n), node.readOnlyPaths(n));
    }
}
