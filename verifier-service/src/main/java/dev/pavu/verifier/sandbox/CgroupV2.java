package dev.pavu.verifier.sandbox;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One cgroup (v2, the unified hierarchy) per sandboxed command, at {@code <root>/pavu-verifier/<uuid>}: {@code memory.max}
 * (and {@code memory.swap.max = 0}, no swapping around the cap), {@code pids.max}, optionally {@code cpu.max}; afterwards
 * {@code memory.events} ({@code oom_kill}), {@code memory.peak} (kernel 5.19+, else 0) and {@code pids.events}
 * ({@code max}) tell what happened. The {@code memory}, {@code pids} (and {@code cpu}) controllers are enabled in
 * {@code cgroup.subtree_control} of the root and of {@code pavu-verifier}; where the root holds processes (a container
 * whose cgroup namespace root is not the machine's) the kernel refuses that and {@link #unavailableReason} says so.
 * The command joins through a {@code sh -c} wrapper before anything else runs.
 */
public final class CgroupV2 implements RunCgroup {

    /** Where the unified hierarchy is mounted on a normal machine. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");
    private static final String PARENT = "pavu-verifier";

    private final Path dir;

    private CgroupV2(Path dir) {
        this.dir = dir;
    }

    /**
     * @param root a cgroup v2 mount point
     * @return true when {@code root} is the unified hierarchy (it has {@code cgroup.controllers})
     */
    public static boolean mountedAt(Path root) {
        return Files.isRegularFile(root.resolve("cgroup.controllers"));
    }

    /**
     * @param root the cgroup v2 mount point (normally {@link #DEFAULT_ROOT})
     * @return empty when per-run groups with memory and pids caps can be created below {@code root}, else why not
     */
    public static Optional<String> unavailableReason(Path root) {
        if (!mountedAt(root)) {
            return Optional.of("no cgroup v2 hierarchy at " + root);
        }
        if (!Files.isWritable(root)) {
            return Optional.of(root + " is not writable (a read-only cgroup mount, or not root)");
        }
        List<String> available = List.of(read(root.resolve("cgroup.controllers")).split("\\s+"));
        for (String c : List.of("memory", "pids")) {
            if (!available.contains(c)) {
                return Optional.of("the " + c + " controller is not available in " + root + "/cgroup.controllers");
            }
        }
        try {
            CgroupV2 probe = create(root, new Limits(1L << 30, 100, 0, 0, 0, 0));
            try {
                for (String f : List.of("memory.max", "pids.max", "cgroup.procs")) {
                    if (!Files.exists(probe.dir.resolve(f))) {
                        return Optional.of("the kernel did not give " + probe.dir + " a " + f + " (controllers not enabled in "
                                + root + "/cgroup.subtree_control: does the root hold processes?)");
                    }
                }
            } finally {
                probe.close();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot create a cgroup below " + root + ": " + e);
        }
    }

    /**
     * Creates the cgroup of one command and sets its caps.
     *
     * @param root   the cgroup v2 mount point
     * @param limits the caps (memory, processes; CPU cores when the cpu controller is available)
     * @return the group
     * @throws IOException when it cannot be created or configured
     */
    public static CgroupV2 create(Path root, Limits limits) throws IOException {
        Path parent = root.resolve(PARENT);
        Files.createDirectories(parent);
        boolean cpu = limits.cpuCores() > 0 && List.of(read(root.resolve("cgroup.controllers")).split("\\s+")).contains("cpu");
        String wanted = cpu ? "+memory +pids +cpu" : "+memory +pids";
        enable(root, wanted);
        enable(parent, wanted);
        Path dir = parent.resolve(UUID.randomUUID().toString());
        Files.createDirectory(dir);
        CgroupV2 g = new CgroupV2(dir);
        try {
            if (limits.memoryBytes() > 0) {
                Files.writeString(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    Files.writeString(dir.resolve("memory.swap.max"), "0");
                }
            }
            if (limits.maxProcesses() > 0) {
                Files.writeString(dir.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            }
            if (cpu) {
                Files.writeString(dir.resolve("cpu.max"), cpuMax(limits.cpuCores()));
            }
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /**
     * @param cores CPU bandwidth in cores (&gt; 0)
     * @return the {@code cpu.max} line: {@code <quota µs> <period µs>} over a 100 ms period, at least 1 ms
     */
    static String cpuMax(double cores) {
        return Math.max(1000, Math.round(cores * 100_000)) + " 100000";
    }

    /** @return the group's directory */
    public Path dir() {
        return dir;
    }

    @Override
    public List<String> joinPrefix() {
        return List.of("/bin/sh", "-c", "echo $$ > '" + dir.resolve("cgroup.procs") + "' || exit 125; exec \"$@\"", "pavu-sandbox");
    }

    @Override
    public long peakMemoryBytes() {
        return readLong(read(dir.resolve("memory.peak")));
    }

    @Override
    public boolean memoryLimitHit() {
        return RunCgroup.keyed(lines(dir.resolve("memory.events")), "oom_kill") > 0;
    }

    @Override
    public boolean processLimitHit() {
        return RunCgroup.keyed(lines(dir.resolve("pids.events")), "max") > 0;
    }

    @Override
    public void close() {
        Path kill = dir.resolve("cgroup.kill"); // kernel 5.14+: SIGKILL to the whole tree at once
        if (Files.exists(kill)) {
            try {
                Files.writeString(kill, "1");
            } catch (IOException e) {
                Log.debugf("cannot write %s: %s", kill, e.getMessage());
            }
        }
        for (int round = 0; round < 50; round++) {
            List<String> procs = lines(dir.resolve("cgroup.procs"));
            if (procs.isEmpty()) {
                break;
            }
            procs.forEach(p -> ProcessHandle.of(readLong(p)).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            Files.deleteIfExists(dir); // rmdir: the kernel's interface files go with it
        } catch (IOException e) {
            Log.debugf("cannot remove cgroup %s: %s", dir, e.getMessage());
        }
    }

    private static void enable(Path group, String controllers) throws IOException {
        String now = read(group.resolve("cgroup.subtree_control"));
        boolean missing = false;
        for (String c : controllers.split(" ")) {
            missing |= !List.of(now.split("\\s+")).contains(c.substring(1));
        }
        if (missing) {
            try {
                Files.writeString(group.resolve("cgroup.subtree_control"), controllers);
            } catch (IOException e) {
                throw new IOException("cannot enable " + controllers + " in " + group + "/cgroup.subtree_control (" + e.getMessage()
                        + "; the kernel refuses this in a group that holds processes)", e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long readLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
