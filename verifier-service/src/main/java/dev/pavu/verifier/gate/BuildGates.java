package dev.pavu.verifier.gate;

import dev.pavu.workspace.layout.BuildKind;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code static} and {@code tests} gates of one kind of project (one implementation per toolchain: Maven,
 * Gradle, Python, Node), chosen by the layout the workspace library detects.
 */
public interface BuildGates {

    /** @return the kind of build it runs, as {@code Workspaces.layout} detects it: MAVEN, GRADLE, PYTHON or NODE */
    BuildKind kind();

    /**
     * Runs the static gate, then (when it passes) the plan's tests first and the whole suite, stopping at the first failure.
     *
     * @param root       the project root (patch already applied)
     * @param testsFirst test ids to run before the whole suite; empty = the suite only
     * @param timeout    wall-clock limit of both gates together
     * @param log        the candidate's log
     * @param watch      asked about once a second whether to stop
     * @return the outcome; its gates end with the one that decided
     */
    GateOutcome run(Path root, List<String> testsFirst, Duration timeout, OutputCapture log, RunWatch watch);

    /**
     * How further commands (linters, the runtime probe) run in this project: the toolchain's environment and the
     * installations they must see.
     *
     * @param root the project root
     * @return the context; empty when the toolchain is not installed
     */
    Optional<CommandEnv> context(Path root);

    /**
     * @param env           the whole environment of a command
     * @param readOnlyPaths paths to keep visible read-only in the sandbox
     */
    record CommandEnv(Map<String, String> env, List<Path> readOnlyPaths) {
        public CommandEnv {
            env = Map.copyOf(env);
            readOnlyPaths = List.copyOf(readOnlyPaths);
        }
    }
}
