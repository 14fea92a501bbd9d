package dev.pavu.verifier.sandbox;

import java.util.Optional;

/**
 * A long-running process started in a sandbox ({@link Sandbox#start}): the caller talks to it through its standard
 * streams (stdout and stderr merged) and ends it with {@link #close}, which kills the whole process tree and releases
 * the sandbox's resources (its cgroup). The caps of the start request apply for the process's whole life.
 */
public final class SandboxedProcess implements AutoCloseable {

    private final Process process;
    private final RunCgroup cgroup;
    private final Limits limits;
    private final String sandbox;

    /**
     * @param process the started process (the sandbox's outermost one)
     * @param cgroup  its cgroup, or {@code null} when it has none
     * @param limits  the caps it was started with
     * @param sandbox name of the sandbox ({@link Sandbox#name()})
     */
    public SandboxedProcess(Process process, RunCgroup cgroup, Limits limits, String sandbox) {
        this.process = process;
        this.cgroup = cgroup;
        this.limits = limits;
        this.sandbox = sandbox;
    }

    /** @return the process: its input is the command's stdin, its input stream the command's stdout and stderr */
    public Process process() {
        return process;
    }

    /** @return the sandbox's name, e.g. {@code bubblewrap} */
    public String sandbox() {
        return sandbox;
    }

    /** @return true while the process runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Processes of the tree still running (zombies not counted), the outermost excluded. In a bubblewrap sandbox this
     * counts every process of the sandbox's PID namespace (orphans are re-parented to its init, inside the tree) plus
     * bubblewrap's own init; compare it with the count right after the start to see whether a run left a process.
     *
     * @return the number of live descendants
     */
    public long liveDescendants() {
        return process.descendants().filter(ProcessRunner::running).count();
    }

    /**
     * CPU time of the tree so far.
     *
     * @return seconds of CPU the outermost process and its live descendants used (0 when unknown)
     */
    public long cpuSeconds() {
        long ms = cpuMs(process.toHandle());
        ms += process.descendants().mapToLong(SandboxedProcess::cpuMs).sum();
        return ms / 1000;
    }

    private static long cpuMs(ProcessHandle h) {
        return h.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
    }

    /**
     * @return why the kernel stopped part of the tree, when a cgroup cap was hit (memory: a process was killed; processes:
     * a fork was refused), else empty
     */
    public Optional<String> limitHit() {
        if (cgroup == null) {
            return Optional.empty();
        }
        if (cgroup.memoryLimitHit()) {
            return Optional.of("memory limit of " + Limits.human(limits.memoryBytes()) + " exceeded: the kernel killed a process of the run");
        }
        if (cgroup.processLimitHit()) {
            return Optional.of("process limit of " + limits.maxProcesses() + " processes/threads reached; a fork was refused");
        }
        return Optional.empty();
    }

    /** Kills the whole tree (SIGKILL) and removes its cgroup; safe to call more than once. */
    @Override
    public void close() {
        ProcessRunner.killTree(process);
        if (cgroup != null) {
            cgroup.close();
        }
    }
}
