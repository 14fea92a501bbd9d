package dev.pavu.verifier.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks the cgroup version by what is mounted: v2 when {@code /sys/fs/cgroup} is the unified hierarchy
 * ({@code cgroup.controllers} there), v1 when the {@code memory} and {@code pids} controllers are mounted below it.
 */
public final class Cgroups {

    /** The cgroup flavour in use. */
    public enum Version {
        /** Separate hierarchies per controller ({@code /sys/fs/cgroup/memory}, {@code …/pids}). */
        V1,
        /** The unified hierarchy. */
        V2
    }

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private Cgroups() {
    }

    /**
     * @param root where cgroups are mounted (normally {@code /sys/fs/cgroup})
     * @return the version mounted there, empty when neither is
     */
    public static Optional<Version> mounted(Path root) {
        if (CgroupV2.mountedAt(root)) {
            return Optional.of(Version.V2);
        }
        if (Files.isDirectory(root.resolve("memory")) || Files.isDirectory(root.resolve("pids"))) {
            return Optional.of(Version.V1);
        }
        return Optional.empty();
    }

    /** @return the version mounted on this machine, empty when none */
    public static Optional<Version> mounted() {
        return mounted(ROOT);
    }

    /** @return empty when per-run cgroups (memory and pids caps) can be created here, else why not */
    public static Optional<String> unavailableReason() {
        Optional<Version> v = mounted();
        if (v.isEmpty()) {
            return Optional.of("no cgroup hierarchy (v1 or v2) is mounted at " + ROOT);
        }
        return v.get() == Version.V2 ? CgroupV2.unavailableReason(ROOT) : CgroupV1.unavailableReason();
    }

    /**
     * @param limits the caps of one command
     * @return its cgroup, of the version mounted here
     * @throws IOException when it cannot be created
     */
    public static RunCgroup create(Limits limits) throws IOException {
        Optional<Version> v = mounted();
        if (v.isEmpty()) {
            throw new IOException("no cgroup hierarchy is mounted at " + ROOT);
        }
        return v.get() == Version.V2 ? CgroupV2.create(ROOT, limits) : CgroupV1.create(limits);
    }
}
