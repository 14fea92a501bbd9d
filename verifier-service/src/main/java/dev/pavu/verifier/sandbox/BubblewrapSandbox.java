package dev.pavu.verifier.sandbox;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs each command under <a href="https://github.com/containers/bubblewrap">bubblewrap</a>, inside its own
 * cgroup and with rlimits:
 * <pre>
 * setsid sh -c 'echo $$ &gt; &lt;memory cgroup&gt;/cgroup.procs; echo $$ &gt; &lt;pids cgroup&gt;/cgroup.procs; exec "$@"' \
 *   prlimit --cpu=&lt;s&gt; --fsize=&lt;bytes&gt; --core=0 -- \
 *   bwrap --unshare-all [--share-net] --die-with-parent --new-session --cap-drop ALL \
 *         --ro-bind-try /usr /usr --ro-bind-try /etc /etc --ro-bind-try /opt /opt   (system paths; symlinks such as /bin → usr/bin kept)
 *         --ro-bind /dev/null /etc/shadow …                  (hidden files)
 *         --dev /dev --proc /proc --tmpfs /tmp
 *         --ro-bind &lt;p&gt; &lt;p&gt;…                            (local Maven repository, JDK, Maven)
 *         --bind &lt;workDir&gt; &lt;workDir&gt; [--bind &lt;w&gt; &lt;w&gt;…]
 *         --chdir &lt;workDir&gt; -- &lt;command&gt;
 * </pre>
 * The command sees only the system directories, the toolchain and its own workspace: no other candidate's
 * workspace, no logs, bundles, home directories, broker or database files; a read-only system; no network
 * (its own loopback only) unless the request asks for it; its own PID namespace (killing bwrap ends every
 * process inside); no capabilities. The cgroup caps memory and processes of the whole tree (and CPU
 * bandwidth when configured) and tells afterwards whether a cap was hit and how much memory the tree used
 * at its peak; the rlimits cap CPU time and file size per process.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** Default system paths visible read-only inside the sandbox. */
    public static final List<String> DEFAULT_SYSTEM_PATHS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt");
    /** Default files hidden inside the system paths. */
    public static final List<String> DEFAULT_HIDDEN = List.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/ssh",
            "/etc/sudoers", "/etc/sudoers.d");

    private final String bwrap;
    private final List<Path> systemPaths;
    private final List<Path> hidden;
    private final boolean cgroups;
    private final String prlimit;

    /**
     * @param bwrap       the bubblewrap binary (name on PATH or absolute path)
     * @param systemPaths system directories mounted read-only (absolute)
     * @param hidden      files or directories below them replaced by an empty file / tmpfs (absolute)
     * @param cgroups     true to cap memory and processes with a cgroup (v1) per command
     */
    public BubblewrapSandbox(String bwrap, List<Path> systemPaths, List<Path> hidden, boolean cgroups) {
        this.bwrap = bwrap;
        this.systemPaths = systemPaths.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> p.getNameCount() > 0).distinct().toList();
        this.hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> p.getNameCount() > 0).distinct().toList();
        this.cgroups = cgroups;
        this.prlimit = Files.isExecutable(Path.of("/usr/bin/prlimit")) ? "/usr/bin/prlimit" : null;
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public ExecResult run(ExecRequest request) {
        Limits limits = request.limits();
        boolean useCgroup = cgroups && (limits.memoryBytes() > 0 || limits.maxProcesses() > 0 || limits.cpuCores() > 0);
        CgroupV1 group = null;
        List<String> cmd = new ArrayList<>();
        if (useCgroup) {
            try {
                group = CgroupV1.create(limits);
                cmd.addAll(group.joinPrefix());
            } catch (IOException | RuntimeException e) {
                Log.warnf("cannot create a cgroup (%s): this run has no memory or process cap", e.getMessage());
            }
        }
        cmd.addAll(rlimitPrefix(limits));
        cmd.addAll(command(request));
        try {
            ExecResult r = ProcessRunner.run(cmd, request);
            if (group == null) {
                return r;
            }
            long peak = group.peakMemoryBytes();
            if (group.memoryLimitHit()) {
                return new ExecResult(ExecResult.Termination.LIMIT_EXCEEDED, r.exitCode(), r.durationMs(),
                        "memory limit of " + Limits.human(limits.memoryBytes()) + " exceeded: the kernel killed a process of the run", peak);
            }
            if (group.processLimitHit()) {
                return new ExecResult(ExecResult.Termination.LIMIT_EXCEEDED, r.exitCode(), r.durationMs(),
                        "process limit of " + limits.maxProcesses() + " processes/threads reached (a fork bomb?); the run was stopped", peak);
            }
            return new ExecResult(r.termination(), r.exitCode(), r.durationMs(), r.detail(), peak);
        } finally {
            if (group != null) {
                group.close();
            }
        }
    }

    private List<String> rlimitPrefix(Limits limits) {
        if (prlimit == null || (limits.cpuSeconds() <= 0 && limits.fileSizeBytes() <= 0)) {
            return List.of();
        }
        List<String> c = new ArrayList<>(List.of(prlimit, "--core=0"));
        if (limits.cpuSeconds() > 0) {
            c.add("--cpu=" + limits.cpuSeconds());
        }
        if (limits.fileSizeBytes() > 0) {
            c.add("--fsize=" + limits.fileSizeBytes());
        }
        c.add("--");
        return c;
    }

    /**
     * @param request what to run
     * @return the bwrap command line for it (without the cgroup and rlimit wrappers)
     */
    public List<String> command(ExecRequest request) {
        List<String> c = new ArrayList<>(List.of(bwrap, "--unshare-all"));
        if (request.network()) {
            c.add("--share-net");
        }
        c.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        for (Path p : systemPaths) {
            if (Files.isSymbolicLink(p)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
                } catch (IOException e) {
                    Log.debugf("cannot read link %s: %s", p, e.getMessage());
                }
            } else if (Files.isDirectory(p)) {
                c.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        for (Path h : hidden) {
            if (Files.isDirectory(h, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                c.addAll(List.of("--tmpfs", h.toString()));
            } else if (Files.exists(h, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                c.addAll(List.of("--ro-bind", "/dev/null", h.toString()));
            }
        }
        c.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path p : request.readOnlyPaths()) {
            Path a = p.toAbsolutePath().normalize();
            if (Files.exists(a) && systemPaths.stream().noneMatch(s -> a.startsWith(s) && !Files.isSymbolicLink(s))) {
                c.addAll(List.of("--ro-bind", a.toString(), a.toString()));
            }
        }
        List<Path> writable = new ArrayList<>();
        writable.add(request.workDir());
        writable.addAll(request.writablePaths());
        for (Path w : writable) {
            String s = w.toAbsolutePath().normalize().toString();
            c.addAll(List.of("--bind", s, s));
        }
        c.addAll(List.of("--chdir", request.workDir().toAbsolutePath().normalize().toString(), "--"));
        c.addAll(request.command());
        return c;
    }

    /**
     * Checks that bubblewrap can actually create its namespaces here (it may be installed but refused,
     * e.g. without unprivileged user namespaces).
     *
     * @param bwrap the binary
     * @return empty when it works, else the reason it does not
     */
    public static Optional<String> probe(String bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                    "--dev", "/dev", "--proc", "/proc", "--", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(bwrap + " did not answer within 10 s");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of(bwrap + " exited with " + p.exitValue() + ": " + out);
        } catch (IOException e) {
            return Optional.of(bwrap + " not found: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing " + bwrap);
        }
    }
}
