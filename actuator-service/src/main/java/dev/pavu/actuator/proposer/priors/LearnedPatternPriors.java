package dev.pavu.actuator.proposer.priors;

import dev.pavu.actuator.proposer.PatternPriors;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Pattern priors learned from past verdicts: the pass rates the updater keeps per fix pattern and per
 * failure kind ({@code GET /stats/patterns}), smoothed towards the static table.
 *
 * <h2>Smoothing</h2>
 * Each pattern's chance that a candidate passes is given a Beta prior whose mean is the pattern's static
 * prior {@code p0} and whose weight is {@code s} pseudo-candidates, {@code Beta(α = s·p0, β = s·(1 − p0))};
 * after {@code n} verified candidates with {@code k} passes the posterior mean is
 * <pre>   θ = (k + s·p0) / (n + s)</pre>
 * (the conjugate Beta–binomial update, i.e. additive smoothing of the pass rate: Gelman et al.,
 * <i>Bayesian Data Analysis</i>, 3rd ed., ch. 2; ranking candidate patches by probabilities learned from
 * past patches as Prophet does: Long and Rinard, "Automatic patch generation by learning correct code",
 * POPL 2016). With no data the prior is the static one; with much data it is the observed rate; {@code s}
 * sets how fast it moves (after {@code s} candidates it is halfway).
 *
 * <p>The static table and pass rates are on different scales (a prior of 1.0 for the best pattern, pass
 * rates of a few percent, since a job stops at its first plausible patch), so the static prior is first
 * put on the pass-rate scale of the group: {@code p0 = static × c} with {@code c = r / p̄}, where
 * {@code r = (K + ½) / (N + 1)} is the group's pooled pass rate ({@code K} passes of {@code N} candidates,
 * the Jeffreys estimate, never 0) and {@code p̄} the static prior averaged over the group's candidates. The
 * posterior mean goes back to the table's scale as {@code θ / c}, and the table is divided by its maximum
 * when that exceeds 1. A pattern that passes more often than the group's average thus rises above its
 * static prior; one that keeps failing sinks ({@code static × s / (n + s)} with no pass at all).
 *
 * <p>Per failure kind: when the plan's failing tests give a kind with statistics, the same update runs
 * on that kind's candidates with the overall learned prior as {@code p0} (a two-level hierarchy:
 * static → overall → per kind); otherwise the overall learned priors are used. Either way the kind's prior mean keeps
 * the static table's preference for the kind ({@code StaticPatternPriors.BY_FAILURE_KIND}): the overall prior times
 * {@code static(p, kind) / static(p)}, at most 1.
 *
 * <p>The statistics are fetched at most once per {@code ttl}; when the source has nothing (the updater is
 * unreachable) the last statistics are kept for up to {@link #STALE_FACTOR} × {@code ttl}, then the static
 * table is used until a fetch succeeds again. Thread-safe.
 */
public final class LearnedPatternPriors implements PatternPriors {

    /** Last statistics are still used this many cache lifetimes after they were fetched, while the source fails. */
    public static final int STALE_FACTOR = 5;

    /** No prior falls below this (priorities stay positive). */
    static final double MIN_PRIOR = 1e-3;

    private final PatternStatsSource source;
    private final PatternPriors fallback;
    private final double strength;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private volatile Snapshot snapshot;

    /**
     * @param source   the statistics
     * @param fallback the static priors: the prior mean, and the answer while no statistics are available
     * @param strength {@code s} &gt; 0, in pseudo-candidates
     * @param ttl      how long fetched statistics are used
     * @param clock    monotonic nanoseconds (e.g. {@code System::nanoTime})
     */
    public LearnedPatternPriors(PatternStatsSource source, PatternPriors fallback, double strength, Duration ttl,
                                LongSupplier clock) {
        if (!(strength > 0)) {
            throw new IllegalArgumentException("strength must be > 0, was " + strength);
        }
        this.source = source;
        this.fallback = fallback;
        this.strength = strength;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    @Override
    public double prior(String pattern) {
        return prior(pattern, null);
    }

    @Override
    public double prior(String pattern, String failureKind) {
        Snapshot s = current();
        return s.stats == null ? fallback.prior(pattern, failureKind) : s.table(failureKind).prior(pattern);
    }

    /** @return true when the priors in use come from statistics (false: the static table) */
    public boolean learned() {
        return current().stats != null;
    }

    private Snapshot current() {
        long now = clock.getAsLong();
        Snapshot s = snapshot;
        if (s != null && now - s.fetchedAt < ttlNanos) {
            return s;
        }
        synchronized (lock) {
            s = snapshot;
            if (s != null && now - s.fetchedAt < ttlNanos) {
                return s;
            }
            Optional<PatternStats> stats;
            try {
                stats = source.fetch();
            } catch (RuntimeException e) {
                stats = Optional.empty();
            }
            if (stats.isPresent()) {
                s = new Snapshot(stats.get(), now, now);
            } else if (s != null && s.stats != null && now - s.goodAt < STALE_FACTOR * ttlNanos) {
                s = new Snapshot(s.stats, now, s.goodAt);
            } else {
                s = new Snapshot(null, now, now);
            }
            snapshot = s;
            return s;
        }
    }

    /**
     * The prior mean of a failure kind's group: the overall learned prior times the static table's own preference for
     * that kind ({@code fallback.prior(p, kind) / fallback.prior(p)}, e.g. the division guard for an
     * {@code ArithmeticException}), at most 1.
     */
    private ToDoubleFunction<String> forKind(Table overall, String kind) {
        return p -> Math.min(1.0, overall.prior(p) * fallback.prior(p, kind) / Math.max(MIN_PRIOR, fallback.prior(p)));
    }

    /** Fetched statistics and the prior tables computed from them (lazily, per failure kind). */
    private final class Snapshot {
        final PatternStats stats;
        final long fetchedAt;
        final long goodAt;
        private volatile Table overall;
        private final Map<String, Table> byKind = new ConcurrentHashMap<>();

        Snapshot(PatternStats stats, long fetchedAt, long goodAt) {
            this.stats = stats;
            this.fetchedAt = fetchedAt;
            this.goodAt = goodAt;
        }

        Table table(String failureKind) {
            Table all = overall;
            if (all == null) {
                all = Table.of(stats.patterns(), fallback::prior, strength);
                overall = all;
            }
            if (failureKind == null) {
                return all;
            }
            Table parent = all;
            return byKind.computeIfAbsent(failureKind, kind -> {
                ToDoubleFunction<String> base = forKind(parent, kind);
                List<PatternStats.Row> rows = stats.byFailureKindAndPattern().stream()
                        .filter(r -> kind.equals(r.failureKind())).toList();
                return rows.stream().mapToLong(PatternStats.Row::candidates).sum() == 0 ? new Table(Map.of(), base, 1.0)
                        : Table.of(rows, base, strength);
            });
        }
    }

    /**
     * Priors of one group of candidates (all, or one failure kind).
     *
     * @param learned smoothed priors of the patterns with data, on the base's scale
     * @param base    the prior mean of every pattern (static table, or the overall learned priors)
     * @param scale   the divisor that keeps the table within (0, 1], applied to every pattern
     */
    record Table(Map<String, Double> learned, ToDoubleFunction<String> base, double scale) {

        double prior(String pattern) {
            Double v = learned.get(pattern);
            return Math.max(MIN_PRIOR, (v != null ? v : base.applyAsDouble(pattern)) / scale);
        }

        static Table of(List<PatternStats.Row> rows, ToDoubleFunction<String> base, double strength) {
            long n = 0;
            long k = 0;
            double weighted = 0;
            for (PatternStats.Row r : rows) {
                if (r.pattern() != null && r.candidates() > 0) {
                    n += r.candidates();
                    k += Math.min(r.passes(), r.candidates());
                    weighted += r.candidates() * base.applyAsDouble(r.pattern());
                }
            }
            Map<String, Double> learned = new HashMap<>();
            if (n == 0) {
                return new Table(learned, base, 1.0);
            }
            double pooled = (k + 0.5) / (n + 1.0);
            double c = pooled / (weighted / n);
            double max = 1.0;
            for (PatternStats.Row r : rows) {
                if (r.pattern() != null && r.candidates() > 0) {
                    double p0 = Math.min(base.applyAsDouble(r.pattern()) * c, 0.99);
                    double prior = posteriorMean(Math.min(r.passes(), r.candidates()), r.candidates(), p0, strength) / c;
                    learned.merge(r.pattern(), prior, Math::max);
                    max = Math.max(max, prior);
                }
            }
            return new Table(Map.copyOf(learned), base, max);
        }
    }

    /**
     * The posterior mean of a Beta(s·p0, s·(1 − p0)) prior after {@code passes} successes in {@code candidates} trials.
     *
     * @param passes     successes
     * @param candidates trials
     * @param p0         prior mean in (0, 1)
     * @param strength   prior weight {@code s} in pseudo-trials
     * @return {@code (passes + s·p0) / (candidates + s)}
     */
    public static double posteriorMean(long passes, long candidates, double p0, double strength) {
        return (passes + strength * p0) / (candidates + strength);
    }
}
