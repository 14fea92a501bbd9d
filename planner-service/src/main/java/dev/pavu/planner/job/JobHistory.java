package dev.pavu.planner.job;

import dev.pavu.contracts.PartialFix;
import dev.pavu.contracts.PlanKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link Job}'s plans and the verdict facts its later plans need — the patch hashes verified so far (a plan's
 * {@code triedPatchHashes}) and the partial fixes found — with what changed since it was loaded ({@link JobStore}
 * writes it).
 */
final class JobHistory {

    final Map<UUID, Plan> plans = new LinkedHashMap<>();
    final Set<UUID> changedPlans = new LinkedHashSet<>();
    final List<String> triedHashes = new ArrayList<>();
    final List<Judged> partials = new ArrayList<>();
    final List<Judged> judgedNow = new ArrayList<>();

    /** @return the plans, by iteration */
    List<Plan> plans() {
        return plans.values().stream().sorted(Comparator.comparingInt(Plan::iteration)).toList();
    }

    /** @return the plan of iteration {@code n}, or {@code null} */
    Plan plan(int n) {
        return plans.values().stream().filter(p -> p.iteration() == n).findFirst().orElse(null);
    }

    /** @return how many plans of {@code kind} there are */
    int count(PlanKind kind) {
        return (int) plans.values().stream().filter(p -> p.kind() == kind).count();
    }

    /** Stores a new or changed plan. */
    Plan update(Plan p) {
        plans.put(p.planId(), p);
        changedPlans.add(p.planId());
        return p;
    }

    /** Records a verdict loaded from the store. */
    void judged(Judged j) {
        if (j.patchHash() != null) {
            triedHashes.add(j.patchHash());
        }
        if (j.partialDiff() != null) {
            partials.add(j);
        }
    }

    /** Records a verdict counted now (to be stored). */
    void count(Judged j) {
        judged(j);
        judgedNow.add(j);
    }

    /**
     * @param limit at most this many (0 = none)
     * @return the partial fixes to offer: most passing tests first (in a fail-fast run, the most of the baseline's
     *         failing tests made to pass before the first failure), then fewest failing, then the earliest
     */
    List<PartialFix> partialFixes(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return partials.stream()
                .sorted(Comparator.comparing((Judged j) -> j.testsPassed() == null ? Integer.MAX_VALUE : j.testsPassed()).reversed()
                        .thenComparing(j -> j.testsFailed() == null ? Integer.MAX_VALUE : j.testsFailed())
                        .thenComparing(Judged::receivedAt))
                .limit(limit)
                .map(j -> new PartialFix(j.partialDiff(), j.pattern(), j.testsFailed() == null ? 0 : j.testsFailed())).toList();
    }
}
