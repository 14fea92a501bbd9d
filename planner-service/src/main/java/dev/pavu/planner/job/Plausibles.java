package dev.pavu.planner.job;

import dev.pavu.contracts.Outcome;
import dev.pavu.planner.ranking.PatchRanker;
import dev.pavu.planner.ranking.PlausiblePatch;
import dev.pavu.planner.ranking.RankedPatch;
import dev.pavu.planner.service.JobDecisions.Conclude;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A job's plausible patches (all tests pass) and the extra search after the first one (plausible-patch ranking): the
 * job goes on verifying its current plan's candidates until {@link JobRules#extraCandidates()} more verdicts were
 * counted, {@link JobRules#extraTime()} passed since the first plausible patch, or the plan has no candidate left;
 * then it concludes with the best of them as {@link PatchRanker} ranks them. Rows of {@code planner.plausible_patches};
 * the verdicts counted since the first are {@code planner.jobs.ranking_verdicts}.
 */
final class Plausibles {

    /** Every plausible patch of the job, in the order found. */
    final List<PlausiblePatch> all = new ArrayList<>();
    /** Found by the current transition: to be written. */
    final List<PlausiblePatch> foundNow = new ArrayList<>();
    /** Repair verdicts (not SKIPPED) counted after the first plausible patch. */
    int verdictsAfter;
    /** The ranking the job concluded with (empty until then): to be written. */
    List<RankedPatch> ranked = List.of();

    /** @return whether the job has a plausible patch */
    boolean any() {
        return !all.isEmpty();
    }

    void found(PlausiblePatch p) {
        all.add(p);
        foundNow.add(p);
    }

    private Instant first() {
        return all.stream().map(PlausiblePatch::foundAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * @param rules   the planner's settings
     * @param planOver the current plan has no candidate left without a verdict
     * @param now     the time now
     * @param alsoPasses what every plausible patch also passed besides the tests, appended to the reason (e.g. a
     *                FIX_LOG job's " and the logged failure … no longer reproduces under '…'"), or {@code ""}
     * @return the conclusion with the best-ranked patch when the extra search is over, else {@code null} (wait)
     */
    Conclude decide(JobRules rules, boolean planOver, Instant now, String alsoPasses) {
        if (!any()) {
            return null;
        }
        String why;
        if (!rules.ranks()) {
            why = null;
        } else if (verdictsAfter >= rules.extraCandidates()) {
            why = "searched " + verdictsAfter + " more candidate" + (verdictsAfter == 1 ? "" : "s") + " after the first";
        } else if (!now.isBefore(first().plus(rules.extraTime()))) {
            why = "searched " + seconds(rules.extraTime()) + " more after the first";
        } else if (planOver) {
            why = "no candidate of the plan left to verify";
        } else {
            return null;
        }
        return conclude(why, alsoPasses);
    }

    /**
     * @param why why the extra search ended, or {@code null} when ranking is off
     * @param alsoPasses what every plausible patch also passed besides the tests (see {@link #decide}), or {@code ""}
     * @return the conclusion SUCCEEDED with the best-ranked plausible patch
     */
    Conclude conclude(String why, String alsoPasses) {
        ranked = PatchRanker.rank(all);
        RankedPatch top = ranked.getFirst();
        PlausiblePatch p = all.stream().filter(x -> x.candidateId().equals(top.candidateId())).findFirst().orElseThrow();
        String reason = "candidate " + top.candidateId() + (top.pattern() == null ? "" : " (" + top.pattern() + ")")
                + " makes all " + p.testsRun() + " tests pass" + alsoPasses;
        if (why != null) {
            reason += "; ranked first of " + ranked.size() + " plausible patch" + (ranked.size() == 1 ? "" : "es")
                    + " (score " + String.format(Locale.ROOT, "%.2f", top.score()) + "; " + why + ")";
        }
        return new Conclude(Outcome.SUCCEEDED, reason, top.diff(), top.candidateId());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
