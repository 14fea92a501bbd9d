package dev.pavu.contracts;

/**
 * Limits of one job.
 *
 * @param maxIterations      repair iterations after the baseline (≥ 1)
 * @param maxCandidates      candidate patches verified in all, over all iterations (≥ 1)
 * @param candidateTimeoutMs wall-clock limit of one candidate's verification, milliseconds
 * @param jobTimeoutMs       wall-clock limit of the whole job, milliseconds
 */
public record Budget(int maxIterations, int maxCandidates, long candidateTimeoutMs, long jobTimeoutMs) {

    /** Defaults: 3 iterations, 200 candidates, 60 s per candidate, 30 min per job. */
    public static final Budget DEFAULT = new Budget(3, 200, 60_000, 1_800_000);

    public Budget {
        if (maxIterations < 1 || maxCandidates < 1 || candidateTimeoutMs < 1 || jobTimeoutMs < 1) {
            throw new IllegalArgumentException("budget values must be positive: maxIterations=" + maxIterations
                    + ", maxCandidates=" + maxCandidates + ", candidateTimeoutMs=" + candidateTimeoutMs
                    + ", jobTimeoutMs=" + jobTimeoutMs);
        }
    }
}
