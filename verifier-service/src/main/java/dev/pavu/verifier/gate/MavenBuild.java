package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.toolchain.MavenToolchain;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Maven projects: {@link MavenGates} unchanged (one offline {@code mvn test} run for both gates). */
@ApplicationScoped
public class MavenBuild implements BuildGates {

    private final MavenGates gates;
    private final MavenToolchain maven;

    public MavenBuild(MavenGates gates, MavenToolchain maven) {
        this.gates = gates;
        this.maven = maven;
    }

    @Override
    public BuildKind kind() {
        return BuildKind.MAVEN;
    }

    @Override
    public GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch) {
        return gates.run(root, testsFirst, timeout, log, watch);
    }

    @Override
    public Optional<CommandEnv> context(Path root) {
        return Optional.of(new CommandEnv(maven.environment(), maven.readOnlyPaths()));
    }
}
