package dev.pavu.verifier.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run in a sandbox.
 *
 * @param command       program and arguments (the program is looked up on the sandbox's {@code PATH})
 * @param workDir       working directory, absolute; writable inside the sandbox
 * @param env           the whole environment of the process (nothing is inherited from the verifier)
 * @param timeout       wall-clock limit; when it passes the whole process tree is killed
 * @param network       true to allow network access (only the dependency prefetch asks for it)
 * @param writablePaths further absolute paths writable inside the sandbox (besides {@code workDir})
 * @param readOnlyPaths absolute paths that must stay visible read-only even below a hidden directory
 * @param output        receives stdout and stderr, merged
 * @param watch         polled about once a second for an early stop
 * @param limits        resource caps (memory, processes, CPU, file size, output); {@link Limits#NONE} for none
 */
public record ExecRequest(List<String> command, Path workDir, Map<String, String> env, Duration timeout,
                          boolean network, List<Path> writablePaths, List<Path> readOnlyPaths,
                          OutputSink output, RunWatch watch, Limits limits) {
    public ExecRequest {
        command = List.copyOf(command);
        Objects.requireNonNull(workDir, "workDir");
        env = Map.copyOf(env);
        Objects.requireNonNull(timeout, "timeout");
        writablePaths = writablePaths == null ? List.of() : List.copyOf(writablePaths);
        readOnlyPaths = readOnlyPaths == null ? List.of() : List.copyOf(readOnlyPaths);
        Objects.requireNonNull(output, "output");
        watch = watch == null ? RunWatch.NONE : watch;
        limits = limits == null ? Limits.NONE : limits;
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
    }

    /** Same request without resource caps (the wall-clock timeout still applies). */
    public ExecRequest(List<String> command, Path workDir, Map<String, String> env, Duration timeout, boolean network,
                       List<Path> writablePaths, List<Path> readOnlyPaths, OutputSink output, RunWatch watch) {
        this(command, workDir, env, timeout, network, writablePaths, readOnlyPaths, output, watch, Limits.NONE);
    }

    /**
     * @param newLimits other caps
     * @return this request with {@code newLimits}
     */
    public ExecRequest withLimits(Limits newLimits) {
        return new ExecRequest(command, workDir, env, timeout, network, writablePaths, readOnlyPaths, output, watch, newLimits);
    }
}
