package dev.pavu.planner.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;

/**
 * The learned pattern priors in {@code planner.pattern_priors} (planner V16, V17): per (failure kind, pattern) the
 * jobs that tried the pattern and the sum of each one's best reward ({@link PatternPrior}), with each job's best in
 * {@code pattern_prior_jobs}. Written in the transaction that counts the verdict, so a redelivered verdict (already
 * judged) is never counted twice. All methods need the caller's transaction.
 */
@ApplicationScoped
public class PatternPriorStore {

    /** Rows read per failure kind at most. */
    static final int MAX_ROWS = 500;

    private final EntityManager em;
    private final SearchWeights weights;

    /**
     * @param em     the planner's database
     * @param config the evidence settings
     */
    public PatternPriorStore(EntityManager em, EvidenceConfig config) {
        this.em = em;
        this.weights = SearchWeights.of(config);
    }

    /**
     * Counts one verdict (nothing when evidence is off): the first verdict of a pattern in a job adds one trial to
     * the (failure kind, pattern) row; a later one raises that trial's reward to the best the job's verdicts of the
     * pattern reached, never counts another trial. Verdicts of one job arrive under its row lock, so the read and
     * the two writes below do not race.
     *
     * @param o what it teaches (reward clamped to [0, 1])
     */
    public void record(PatternPrior.Observation o) {
        if (!weights.enabled()) {
            return;
        }
        double reward = Double.isNaN(o.reward()) ? 0 : Math.max(0, Math.min(1, o.reward()));
        @SuppressWarnings("unchecked")
        List<Number> before = em.createNativeQuery("select reward from pattern_prior_jobs where job_id = :job and pattern = :pattern")
                .setParameter("job", o.jobId()).setParameter("pattern", o.pattern()).getResultList();
        double best = before.isEmpty() ? 0 : before.getFirst().doubleValue();
        if (!before.isEmpty() && reward <= best) {
            return; // the job's trial of this pattern already counts as much
        }
        em.createNativeQuery("insert into pattern_prior_jobs (job_id, pattern, failure_kind, reward) values (:job, :pattern, "
                        + ":kind, :reward) on conflict (job_id, pattern) do update set reward = excluded.reward")
                .setParameter("job", o.jobId()).setParameter("pattern", o.pattern()).setParameter("kind", o.failureKind())
                .setParameter("reward", reward).executeUpdate();
        em.createNativeQuery("insert into pattern_priors (failure_kind, pattern, trials, reward, updated_at) "
                        + "values (:kind, :pattern, :trials, :reward, now()) on conflict (failure_kind, pattern) do update set "
                        + "trials = pattern_priors.trials + excluded.trials, reward = pattern_priors.reward + excluded.reward, "
                        + "updated_at = now()")
                .setParameter("kind", o.failureKind()).setParameter("pattern", o.pattern())
                .setParameter("trials", before.isEmpty() ? 1 : 0).setParameter("reward", reward - best)
                .executeUpdate();
    }

    /**
     * @param failureKind a failure kind
     * @return its rows, most tried first (at most {@link #MAX_ROWS})
     */
    public List<PatternPrior.Row> rows(String failureKind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select pattern, trials, reward from pattern_priors where failure_kind = :kind "
                        + "order by trials desc, pattern limit " + MAX_ROWS)
                .setParameter("kind", failureKind).getResultList();
        return rows.stream().map(r -> new PatternPrior.Row((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).doubleValue()))
                .toList();
    }

    /**
     * @param failureKind a failure kind
     * @return pattern → prior multiplier for the kind's next plans (empty when evidence is off or nothing was learned)
     */
    public Map<String, Double> multipliers(String failureKind) {
        return weights.enabled() ? PatternPrior.multipliers(rows(failureKind), weights) : Map.of();
    }
}
