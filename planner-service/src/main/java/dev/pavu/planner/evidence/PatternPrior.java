package dev.pavu.planner.evidence;

import dev.pavu.contracts.FailureKinds;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A fix pattern's prior per failure kind, learned by the planner from verdicts as they arrive (kept in
 * {@code planner.pattern_priors} by {@link PatternPriorStore}). Pure functions, no I/O.
 *
 * <h2>Reward of one verdict</h2>
 * In [0, 1]: PASS 1; a FAIL of the tests (a diff, no failed {@code static} gate) its partial-fix gain
 * {@link PartialEvidence#gain} (the share of the baseline's failing tests it made pass); a FAIL of the build, ERROR and
 * TIMEOUT 0; SKIPPED is not counted. A <b>job</b> that tried a pattern is one trial, its reward the best of the job's
 * verdicts of that pattern, so per (failure kind, pattern) the store keeps {@code n} jobs and the reward sum
 * {@code r ≤ n} (a fractional Beta–Bernoulli update: a partial fix counts as a fraction of a success). Counted per
 * candidate instead, a pattern that makes many mutants per location (relational operators: most fail by nature, one
 * is the fix) looked worse than one that makes few, whatever either fixed.
 *
 * <h2>Multiplier of a pattern for a failure kind</h2>
 * With {@code N}, {@code R} the kind's trials and rewards over all patterns, the kind's pooled rate is the Laplace
 * estimate {@code θ_K = (R + 1) / (N + 2)} (Beta(1, 1) prior). A pattern's rate is smoothed towards it with a
 * Beta(s·θ_K, s·(1 − θ_K)) prior of {@code s} pseudo-trials ({@code pavu.planner.evidence.prior-strength}, default 2:
 * Laplace's weight): {@code θ_P = (r + s·θ_K) / (n + s)}. The plan carries {@code m_P = θ_P / θ_K}, bounded to
 * [{@code min-weight}, {@code max-weight}]: above 1 for a pattern that does better than the kind's average, below 1
 * for one that does worse, 1 for a pattern never tried (it keeps the actuator's prior, and no pattern's weight falls
 * below {@code min-weight} &gt; 0, so every pattern is still tried). The actuator multiplies its own prior (its static
 * table, or the updater-learned one, {@code LearnedPatternPriors}) by it. Sources: additive smoothing / the
 * conjugate Beta–binomial update (Gelman et al., <i>Bayesian Data Analysis</i>, 3rd ed., ch. 2); learning the
 * order of repair transformations from their past success, per kind of defect, as in Prophet (Long and Rinard, POPL
 * 2016) and in history-driven repair (Le, Lo, Le Goues, "History driven program repair", SANER 2016).
 */
public final class PatternPrior {

    /** A job whose baseline has no classified failing test learns under this kind. */
    public static final String UNCLASSIFIED = "unclassified";
    /** A failure kind longer than this is stored under {@link #UNCLASSIFIED}. */
    public static final int MAX_KIND = 120;

    private PatternPrior() {
    }

    /**
     * What one verdict teaches.
     *
     * @param jobId       the job whose verdict it is (a job is one trial of a pattern)
     * @param failureKind the job's failure kind
     * @param pattern     the candidate's pattern
     * @param reward      in [0, 1]
     */
    public record Observation(java.util.UUID jobId, String failureKind, String pattern, double reward) {
    }

    /**
     * A (failure kind, pattern) row of the store.
     *
     * @param pattern the pattern
     * @param trials  jobs that tried the pattern
     * @param reward  the sum of their best rewards
     */
    public record Row(String pattern, long trials, double reward) {
    }

    /**
     * @param failing the baseline's failing tests
     * @return the failure kind the job learns under ({@link FailureKinds}, the actuator's key too), never {@code null}
     */
    public static String kindOf(List<TestFailure> failing) {
        String k = FailureKinds.of(failing);
        return k == null || k.isBlank() || k.length() > MAX_KIND ? UNCLASSIFIED : k;
    }

    /**
     * @param v              a repair candidate's verdict
     * @param baselineFailed the baseline's failing tests, or {@code null}
     * @return its reward in [0, 1], or empty when it teaches nothing (SKIPPED)
     */
    public static OptionalDouble reward(VerdictIssued v, Integer baselineFailed) {
        return switch (v.verdict()) {
            case SKIPPED -> OptionalDouble.empty();
            case PASS -> OptionalDouble.of(1.0);
            case ERROR, TIMEOUT -> OptionalDouble.of(0.0);
            case FAIL -> {
                boolean built = !v.diff().isBlank() && v.gates().stream()
                        .noneMatch(g -> "static".equalsIgnoreCase(g.gate()) && g.status() == Verdict.FAIL);
                yield OptionalDouble.of(built ? PartialEvidence.gain(Math.max(0, v.testsRun()) - Math.max(0, v.testsFailed()),
                        v.testsFailed(), baselineFailed) : 0.0);
            }
        };
    }

    /**
     * @param rows the kind's rows (hostile-proof: negative trials read as 0, rewards clamped to [0, trials])
     * @param w    the weights (strength, bounds)
     * @return pattern → multiplier, highest first; empty when the kind has no trial
     */
    public static Map<String, Double> multipliers(List<Row> rows, SearchWeights w) {
        long n = 0;
        double r = 0;
        for (Row row : rows) {
            n += Math.max(0, row.trials());
            r += clampReward(row);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        double pooled = (r + 1) / (n + 2.0);
        double s = w.priorStrength();
        rows.stream().filter(row -> row.pattern() != null && row.trials() > 0)
                .map(row -> Map.entry(row.pattern(), w.bound(((clampReward(row) + s * pooled) / (row.trials() + s)) / pooled)))
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The plan's pattern weights: the kind's multiplier times the job's partial-fix factor, bounded.
     *
     * @param multipliers  pattern → prior multiplier ({@link #multipliers})
     * @param patternGains pattern → best partial-fix gain in the job ({@link PartialEvidence.Applied#patternGains})
     * @param w            the weights
     * @return pattern → {@code bound(m_P · (1 + γ·g_P))}, highest first; empty when evidence is off
     */
    public static Map<String, Double> weights(Map<String, Double> multipliers, Map<String, Double> patternGains, SearchWeights w) {
        Map<String, Double> raw = new LinkedHashMap<>();
        if (!w.enabled()) {
            return raw;
        }
        multipliers.forEach((p, m) -> raw.put(p, m));
        patternGains.forEach((p, g) -> raw.put(p, raw.getOrDefault(p, 1.0) * (1 + w.patternWeight() * SearchWeights.clamp(g, 0, 1))));
        Map<String, Double> out = new LinkedHashMap<>();
        raw.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), w.bound(e.getValue())))
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(dev.pavu.contracts.PlanProposed.MAX_PATTERN_WEIGHTS)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static double clampReward(Row row) {
        double t = Math.max(0, row.trials());
        return Double.isNaN(row.reward()) ? 0 : Math.max(0, Math.min(t, row.reward()));
    }
}
