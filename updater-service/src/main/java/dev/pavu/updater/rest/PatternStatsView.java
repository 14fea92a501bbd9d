package dev.pavu.updater.rest;

import dev.pavu.updater.repository.PatternCount;

import java.time.Instant;
import java.util.List;

/**
 * Success statistics of fix patterns: the data the learned priors read. Only verified candidates count
 * (the baseline and SKIPPED verdicts are left out).
 *
 * @param patterns               per fix pattern
 * @param failureKinds           per failure kind of the job's baseline (e.g. {@code NullPointerException})
 * @param byFailureKindAndPattern per (failure kind, pattern)
 * @param computedAt             when these numbers were computed
 */
public record PatternStatsView(List<Row> patterns, List<Row> failureKinds, List<Row> byFailureKindAndPattern,
                               Instant computedAt) {

    /**
     * One group.
     *
     * @param failureKind failure kind, {@code null} in {@code patterns}
     * @param pattern     fix pattern, {@code null} in {@code failureKinds}
     * @param jobs        distinct jobs
     * @param candidates  verified candidates
     * @param passes      candidates whose verdict was PASS
     * @param passRate    passes / candidates, in [0, 1]
     */
    public record Row(String failureKind, String pattern, long jobs, long candidates, long passes, double passRate) {

        static Row of(PatternCount c) {
            return new Row(c.failureKind(), c.pattern(), c.jobs(), c.candidates(), c.passes(),
                    c.candidates() == 0 ? 0 : (double) c.passes() / c.candidates());
        }
    }
}
