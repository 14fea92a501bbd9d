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
 * cgroup (v1 or v2, {@link Cgroups}), with rlimits and a seccomp filter:
 * <pre>
 * setsid sh -c 'echo $$ &gt; &lt;cgroup&gt;/cgroup.procs …; exec "$@"' \
 *   prlimit --core=0 --cpu=&lt;s&gt; --fsize=&lt;bytes&gt; -- \
 *   sh -c 'exec 3&lt; "$1"; shift; exec "$@"' pavu-seccomp &lt;filter.bpf&gt; \
 *   bwrap --unshare-all [--share-net] --unshare-user --uid 65534 --gid 65534 --disable-userns --seccomp 3 \
 *         --die-with-parent --new-session --cap-drop ALL
 *         --ro-bind /usr /usr --ro-bind /etc /etc …        (system paths; symlinks such as /bin → usr/bin kept)
 *         --ro-bind /dev/null /etc/shadow …                  (hidden files)
 *         --dev /dev --proc /proc --tmpfs /tmp
 *         --ro-bind &lt;p&gt; &lt;p&gt;…                            (local Maven repository, JDK, Maven)
 *         --bind &lt;workDir&gt; &lt;workDir&gt; [--bind &lt;w&gt; &lt;w&gt;…]
 *         --chdir &lt;workDir&gt; -- &lt;command&gt;
 * </pre>
 * The command sees only the system directories, the toolchain and its own workspace: no other candidate's
 * workspace, no logs, bundles, home directories, broker or database files; a read-only system; no network
 * (its own loopback only) unless the request asks for it; its own PID namespace (killing bwrap ends every
 * process inside; no other process of the machine is visible, so neither its {@code /proc/<pid>/environ}); no
 * capabilities.
 *
 * <p><b>User.</b> With {@link Hardening#unprivilegedUser} the command runs as {@code nobody} (uid/gid 65534) in a user
 * namespace of its own whose only mapping is 65534 → the verifier's own uid: it holds no capability anywhere, and
 * further user namespaces are disabled. Files the verifier owns (the workspace) show up as owned by 65534 inside and stay
 * writable; what the command creates belongs to the verifier's uid outside. No chown is needed.
 *
 * <p><b>System calls.</b> With {@link Hardening#seccomp} the {@link SeccompFilter} is loaded: {@code ptrace},
 * {@code mount}, {@code unshare}, {@code setns}, namespace flags of {@code clone}, keyrings, {@code bpf},
 * {@code perf_event_open}, modules, kexec … fail with {@code EPERM}.
 *
 * <p><b>Caps.</b> The cgroup caps memory and processes of the whole tree (and CPU bandwidth when configured) and tells
 * afterwards whether a cap was hit and how much memory the tree used at its peak; the rlimits cap CPU time and file
 * size per process. {@link #start} gives a long-running process (the fast path's warm JVM) the same containment.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** Default system paths visible read-only inside the sandbox. */
    public static final List<String> DEFAULT_SYSTEM_PATHS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt");
    /** Default files hidden inside the system paths. */
    public static final List<String> DEFAULT_HIDDEN = List.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/ssh",
            "/etc/sudoers", "/etc/sudoers.d");
    /** The uid and gid commands run as with {@link Hardening#unprivilegedUser} ({@code nobody}). */
    public static final int NOBODY = 65534;

    /**
     * What bubblewrap adds beyond namespaces and mounts.
     *
     * @param unprivilegedUser run as uid/gid 65534 in an own user namespace, with further user namespaces disabled
     * @param seccomp          the compiled seccomp filter to load ({@link SeccompFilter#write}), or {@code null} for none
     */
    public record Hardening(boolean unprivilegedUser, Path seccomp) {
        /** Neither an own user nor a seccomp filter (where the kernel refuses them). */
        public static final Hardening NONE = new Hardening(false, null);

        /**
         * @return an unprivileged user and the seccomp filter for this machine ({@link SeccompFilter#shared})
         * @throws IOException when the filter cannot be written
         */
        public static Hardening full() throws IOException {
            return new Hardening(true, SeccompFilter.shared());
        }
    }

    private final String bwrap;
    private final List<Path> systemPaths;
    private final List<Path> hidden;
    private final boolean cgroups;
    private final Hardening hardening;
    private final String prlimit;

    /**
     * A sandbox with full {@link Hardening} (unprivileged user and seccomp filter).
     *
     * @param bwrap       the bubblewrap binary (name on PATH or absolute path)
     * @param systemPaths system directories mounted read-only (absolute)
     * @param hidden      files or directories below them replaced by an empty file / tmpfs (absolute)
     * @param cgroups     true to cap memory and processes with a cgroup per command
     * @throws java.io.UncheckedIOException when the seccomp filter cannot be written
     */
    public BubblewrapSandbox(String bwrap, List<Path> systemPaths, List<Path> hidden, boolean cgroups) {
        this(bwrap, systemPaths, hidden, cgroups, fullHardening());
    }

    /**
     * @param bwrap       the bubblewrap binary (name on PATH or absolute path)
     * @param systemPaths system directories mounted read-only (absolute)
     * @param hidden      files or directories below them replaced by an empty file / tmpfs (absolute)
     * @param cgroups     true to cap memory and processes with a cgroup per command
     * @param hardening   user and system-call restrictions
     */
    public BubblewrapSandbox(String bwrap, List<Path> systemPaths, List<Path> hidden, boolean cgroups, Hardening hardening) {
        this.bwrap = bwrap;
        this.systemPaths = systemPaths.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> p.getNameCount() > 0).distinct().toList();
        this.hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> p.getNameCount() > 0).distinct().toList();
        this.cgroups = cgroups;
        this.hardening = hardening;
        this.prlimit = Files.isExecutable(Path.of("/usr/bin/prlimit")) ? "/usr/bin/prlimit" : null;
    }

    private static Hardening fullHardening() {
        try {
            return Hardening.full();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the seccomp filter", e);
        }
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
    public String describe() {
        return "bubblewrap (" + bwrap + "): no network, read-only system paths, private workspace, own PID namespace"
                + (hardening.unprivilegedUser() ? ", uid/gid " + NOBODY + " in an own user namespace" : ", no own user (runs as the verifier's uid)")
                + (hardening.seccomp() != null ? ", seccomp filter" : ", no seccomp filter")
                + (cgroups ? ", cgroup " + Cgroups.mounted().map(v -> v.name().toLowerCase()).orElse("?") + " caps" : ", no cgroup caps");
    }

    /** @return the hardening in use */
    public Hardening hardening() {
        return hardening;
    }

    @Override
    public ExecResult run(ExecRequest request) {
        Limits limits = request.limits();
        RunCgroup group = cgroup(limits);
        try {
            List<String> cmd;
            try {
                cmd = wrapped(request, group);
            } catch (java.io.UncheckedIOException e) {
                return new ExecResult(ExecResult.Termination.FAILED_TO_START, -1, 0, "not run: " + e.getMessage());
            }
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

    @Override
    public boolean canStart() {
        return true;
    }

    @Override
    public SandboxedProcess start(ExecRequest request) throws IOException {
        RunCgroup group = cgroup(request.limits());
        try {
            return new SandboxedProcess(ProcessRunner.spawn(wrapped(request, group), request), group, request.limits(), name());
        } catch (java.io.UncheckedIOException e) {
            if (group != null) {
                group.close();
            }
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            if (group != null) {
                group.close();
            }
            throw e;
        }
    }

    private RunCgroup cgroup(Limits limits) {
        if (!cgroups || (limits.memoryBytes() <= 0 && limits.maxProcesses() <= 0 && limits.cpuCores() <= 0)) {
            return null;
        }
        try {
            return Cgroups.create(limits);
        } catch (IOException | RuntimeException e) {
            Log.warnf("cannot create a cgroup (%s): this run has no memory or process cap", e.getMessage());
            return null;
        }
    }

    /** The whole command line: cgroup join, rlimits, seccomp file descriptor, bwrap. */
    private List<String> wrapped(ExecRequest request, RunCgroup group) {
        List<String> cmd = new ArrayList<>();
        if (group != null) {
            cmd.addAll(group.joinPrefix());
        }
        cmd.addAll(rlimitPrefix(request.limits()));
        if (hardening.seccomp() != null) {
            Path filter = hardening.seccomp();
            if (!Files.isRegularFile(filter)) { // e.g. removed by a clean-up of the temporary directory
                try {
                    filter = SeccompFilter.shared();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("the seccomp filter " + filter + " is gone and cannot be written again", e);
                }
            }
            cmd.addAll(List.of("/bin/sh", "-c", "exec 3< \"$1\" || exit 126; shift; exec \"$@\"", "pavu-seccomp", filter.toString()));
        }
        cmd.addAll(command(request));
        return cmd;
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
     * @return the bwrap command line for it (without the cgroup, rlimit and seccomp-descriptor wrappers; with
     * {@code --seccomp 3} when a filter is used, so it runs only behind them)
     */
    List<String> command(ExecRequest request) {
        List<String> c = new ArrayList<>(List.of(bwrap, "--unshare-all"));
        if (request.network()) {
            c.add("--share-net");
        }
        c.addAll(hardeningArgs(hardening));
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
        // the sandbox's own root (a tmpfs holding the mount points bwrap made, e.g. the directories above a read-only jar)
        // read-only too: only the workspace, the request's writable paths and /tmp take writes
        c.addAll(List.of("--remount-ro", "/"));
        c.addAll(List.of("--chdir", request.workDir().toAbsolutePath().normalize().toString(), "--"));
        c.addAll(request.command());
        return c;
    }

    private static List<String> hardeningArgs(Hardening h) {
        List<String> c = new ArrayList<>();
        if (h.unprivilegedUser()) {
            c.addAll(List.of("--unshare-user", "--uid", Integer.toString(NOBODY), "--gid", Integer.toString(NOBODY), "--disable-userns"));
        }
        if (h.seccomp() != null) {
            c.addAll(List.of("--seccomp", "3"));
        }
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
        return probe(bwrap, Hardening.NONE);
    }

    /**
     * Checks that bubblewrap works here with the given hardening (an own user namespace needs the kernel to allow it;
     * a seccomp filter needs {@code CONFIG_SECCOMP_FILTER}).
     *
     * @param bwrap     the binary
     * @param hardening what to check besides the namespaces
     * @return empty when it works, else the reason it does not
     */
    public static Optional<String> probe(String bwrap, Hardening hardening) {
        List<String> cmd = new ArrayList<>();
        if (hardening.seccomp() != null) {
            cmd.addAll(List.of("/bin/sh", "-c", "exec 3< \"$1\" || exit 126; shift; exec \"$@\"", "pavu-seccomp", hardening.seccomp().toString()));
        }
        cmd.addAll(List.of(bwrap, "--unshare-all"));
        cmd.addAll(hardeningArgs(hardening));
        cmd.addAll(List.of("--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", "true"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
