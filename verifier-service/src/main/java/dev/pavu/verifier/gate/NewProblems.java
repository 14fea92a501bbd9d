package dev.pavu.verifier.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's lint problems split against the baseline's (the unpatched source's): only the new ones fail it.
 *
 * <p>Problems match by {@link LintProblem#key()} (file, rule, message — no line numbers) as a multiset: each
 * baseline problem excuses one candidate problem with the same key, so a patch that shifts lines keeps its old
 * problems old, and a patch that adds a second identical problem to a file (another {@code if} without braces) gets
 * that one counted as new.
 *
 * @param fresh the candidate's problems the baseline does not have, in the linter's order
 * @param known how many of the candidate's problems were already in the baseline (ignored)
 */
public record NewProblems(List<LintProblem> fresh, int known) {

    public NewProblems {
        fresh = List.copyOf(fresh);
    }

    /**
     * @param candidate the candidate's problems
     * @param baseline  the baseline's problems
     * @return the split
     */
    public static NewProblems of(List<LintProblem> candidate, List<LintProblem> baseline) {
        Map<String, Integer> left = new HashMap<>();
        for (LintProblem p : baseline) {
            left.merge(p.key(), 1, Integer::sum);
        }
        List<LintProblem> fresh = new ArrayList<>();
        int known = 0;
        for (LintProblem p : candidate) {
            Integer n = left.get(p.key());
            if (n != null && n > 0) {
                left.put(p.key(), n - 1);
                known++;
            } else {
                fresh.add(p);
            }
        }
        return new NewProblems(fresh, known);
    }
}
