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
 * One cgroup (v1) per sandboxed command, below {@code <mount>/<controller>/pavu-verifier/}: memory and
 * pids caps for the whole process tree, an optional CPU bandwidth cap, and afterwards what happened — peak
 * memory, whether the kernel killed for memory, whether forks were refused. The command joins it through a
 * tiny shell wrapper before anything else runs, so no child escapes.
 */
public final class CgroupV1 implements RunCgroup {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String PARENT = "pavu-verifier";

    private final List<Path> dirs = new ArrayList<>();
    private final Path memory;
    private final Path pids;
    private final Path cpu;

    private CgroupV1(Path memory, Path pids, Path cpu) {
        this.memory = memory;
        this.pids = pids;
        this.cpu = cpu;
    }

    /**
     * @return empty when memory and pids cgroups (v1) can be created here, else why not
     */
    public static Optional<String> unavailableReason() {
        for (String c : List.of("memory", "pids")) {
            Path dir = ROOT.resolve(c);
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                return Optional.of("no writable cgroup v1 controller at " + dir);
            }
        }
        try {
            CgroupV1 probe = create(new Limits(1L << 30, 100, 0, 0, 0, 0));
            probe.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot create a cgroup: " + e.getMessage());
        }
    }

    /**
     * Creates the cgroups of one command and sets its caps.
     *
     * @param limits the caps (memory and processes; CPU cores when the cpu controller is there)
     * @return the group
     * @throws IOException when a cgroup cannot be created or configured
     */
    public static CgroupV1 create(Limits limits) throws IOException {
        String name = UUID.randomUUID().toString();
        Path mem = ROOT.resolve("memory").resolve(PARENT).resolve(name);
        Path pid = ROOT.resolve("pids").resolve(PARENT).resolve(name);
        Path cpuDir = limits.cpuCores() > 0 && Files.isWritable(ROOT.resolve("cpu")) ? ROOT.resolve("cpu").resolve(PARENT).resolve(name) : null;
        CgroupV1 g = new CgroupV1(mem, pid, cpuDir);
        try {
            Files.createDirectories(mem);
            g.dirs.add(mem);
            Files.createDirectories(pid);
            g.dirs.add(pid);
            if (limits.memoryBytes() > 0) {
                write(mem.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                if (Files.exists(mem.resolve("memory.memsw.limit_in_bytes"))) {
                    // no swapping around the cap (the memsw limit must be set after the memory limit)
                    write(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                }
            }
            if (limits.maxProcesses() > 0) {
                write(pid.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            }
            if (cpuDir != null) {
                Files.createDirectories(cpuDir);
                g.dirs.add(cpuDir);
                write(cpuDir.resolve("cpu.cfs_period_us"), "100000");
                write(cpuDir.resolve("cpu.cfs_quota_us"), Long.toString(Math.max(1000, Math.round(limits.cpuCores() * 100000))));
            }
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    @Override
    public List<String> joinPrefix() {
        StringBuilder s = new StringBuilder();
        for (Path d : dirs) {
            s.append("echo $$ > '").append(d.resolve("cgroup.procs")).append("' || exit 125; ");
        }
        s.append("exec \"$@\"");
        return List.of("/bin/sh", "-c", s.toString(), "pavu-sandbox");
    }

    @Override
    public long peakMemoryBytes() {
        return readLong(memory.resolve("memory.max_usage_in_bytes"));
    }

    /** Also true, on kernels before 4.13 (no OOM-kill count), when allocations hit the cap. */
    @Override
    public boolean memoryLimitHit() {
        for (String line : readLines(memory.resolve("memory.oom_control"))) {
            if (line.startsWith("oom_kill ")) {
                return readLong(line.substring(8)) > 0;
            }
        }
        // kernels before 4.13 do not count OOM kills: a cap that was reached is the best sign
        return readLong(memory.resolve("memory.failcnt")) > 0 && readLong(memory.resolve("memory.max_usage_in_bytes"))
                >= readLong(memory.resolve("memory.limit_in_bytes")) - (4L << 20);
    }

    @Override
    public boolean processLimitHit() {
        for (String line : readLines(pids.resolve("pids.events"))) {
            if (line.startsWith("max ") && readLong(line.substring(4)) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (int round = 0; round < 50; round++) {
            List<String> procs = readLines(pids.resolve("cgroup.procs"));
            procs.addAll(readLines(memory.resolve("cgroup.procs")));
            if (procs.isEmpty()) {
                break;
            }
            for (String p : procs) {
                ProcessHandle.of(readLong(p)).ifPresent(ProcessHandle::destroyForcibly);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                Log.debugf("cannot remove cgroup %s: %s", d, e.getMessage());
            }
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    private static long readLong(Path file) {
        try {
            return readLong(Files.readString(file));
        } catch (IOException e) {
            return 0;
        }
    }

    private static long readLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
