package dev.pavu.verifier.sandbox;

/**
 * Resource caps of one sandboxed command.
 *
 * @param memoryBytes    memory of the whole process tree (cgroup {@code memory.limit_in_bytes}); 0 = none
 * @param maxProcesses   processes and threads of the whole tree (cgroup {@code pids.max}); 0 = none
 * @param cpuSeconds     CPU time per process ({@code RLIMIT_CPU}); 0 = none
 * @param cpuCores       CPU bandwidth of the tree in cores (cgroup CFS quota); 0 = none
 * @param fileSizeBytes  largest file a process may write ({@code RLIMIT_FSIZE}); 0 = none
 * @param outputBytes    total output after which the tree is killed; 0 = none
 */
public record Limits(long memoryBytes, int maxProcesses, long cpuSeconds, double cpuCores, long fileSizeBytes, long outputBytes) {

    /** No caps beyond the wall-clock timeout. */
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0);

    /**
     * The caps configured under {@code pavu.verifier.sandbox} for a run with a given wall-clock limit.
     *
     * @param cfg     the sandbox settings
     * @param timeout the run's wall-clock limit (CPU time defaults to four times it)
     * @return the caps
     */
    public static Limits of(dev.pavu.verifier.config.VerifierConfig.Sandbox cfg, java.time.Duration timeout) {
        long cpu = cfg.cpuSeconds() > 0 ? cfg.cpuSeconds() : Math.max(60, 4 * Math.max(1, timeout.toSeconds()));
        return new Limits(cfg.memory().asLongValue(), cfg.maxProcesses(), cpu, cfg.cpuCores(), cfg.maxFileSize().asLongValue(),
                cfg.maxOutput().asLongValue());
    }

    /**
     * @param bytes a byte count
     * @return e.g. {@code 2 GB}, {@code 512 MB}, {@code 900 KB}
     */
    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            double g = bytes / (double) (1L << 30);
            return (g == Math.rint(g) ? String.valueOf((long) g) : String.format("%.1f", g)) + " GB";
        }
        if (bytes >= 1L << 20) {
            return (bytes >> 20) + " MB";
        }
        return (bytes >> 10) + " KB";
    }
}
