package dev.pavu.verifier.sandbox;

import java.util.List;

/**
 * The cgroup of one sandboxed command (v1: {@link CgroupV1}, v2: {@link CgroupV2}; {@link Cgroups} picks the one
 * mounted): caps for the whole process tree, and afterwards what happened.
 */
public interface RunCgroup extends AutoCloseable {

    /** @return a {@code sh -c} script (with its {@code $0}) that moves the shell into this group and then execs its arguments */
    List<String> joinPrefix();

    /** @return the highest memory use of the tree, bytes (0 when unknown) */
    long peakMemoryBytes();

    /** @return true when the kernel killed a process of the tree for memory */
    boolean memoryLimitHit();

    /** @return true when a fork was refused because the process cap was reached */
    boolean processLimitHit();

    /** Kills whatever is still in the group (SIGKILL) and removes it; never throws. */
    @Override
    void close();

    /**
     * @param lines the lines of a cgroup file, trimmed, empty ones dropped
     * @param key   a key of a flat-keyed file ({@code oom_kill}, {@code max})
     * @return its value, 0 when absent or unreadable
     */
    static long keyed(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + " ")) {
                try {
                    return Long.parseLong(line.substring(key.length() + 1).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
