package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.report.TestReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check that a candidate's PASS still ran the baseline's tests: a candidate after which tests vanish, are
 * skipped or none run must not pass, whatever made them disappear (a deleted test, {@code @Disabled}, an
 * {@code assumeTrue} that now fails, a build change that leaves a module out). The baseline is the empty patch's
 * run on the same source with the same test command ({@code baseline_tests}).
 *
 * <p>With the ids of both runs known, every test the baseline executed must have executed again (passed: the
 * candidate passed); without them (the fast path counts tests only; a suite beyond {@link TestReport#MAX_IDS} ids)
 * the candidate must have run at least as many.
 */
public final class BaselineTests {

    /**
     * What the baseline ran.
     *
     * @param testsRun tests executed (skipped ones excluded)
     * @param executed their ids ({@code Class#method}); {@code null} when not known
     */
    public record Baseline(int testsRun, Set<String> executed) {
        public Baseline {
            executed = executed == null ? null : Set.copyOf(executed);
        }
    }

    private BaselineTests() {
    }

    /**
     * @param o the baseline candidate's outcome
     * @return what it ran, when its tests gate ran to the end (PASS, or FAIL in the tests gate); else empty
     */
    public static Optional<Baseline> of(GateOutcome o) {
        boolean testsJudged = o.gates().stream().anyMatch(g -> MavenGates.TESTS.equals(g.gate())
                && (g.status() == Verdict.PASS || g.status() == Verdict.FAIL));
        if (!testsJudged || (o.verdict() != Verdict.PASS && o.verdict() != Verdict.FAIL)) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(o.testsRun(), o.executedTests()));
    }

    /**
     * @param candidate a candidate's outcome
     * @param baseline  what the baseline ran
     * @return the outcome unchanged, unless it is a PASS that ran fewer tests or lacks one of the baseline's: then
     *         FAIL with e.g. {@code tests that ran in the baseline did not run: InvoiceTest#total (skipped),
     *         InvoiceTest#tax (13 of 14 tests ran)}, the {@code tests} gate marked FAIL
     */
    public static GateOutcome check(GateOutcome candidate, Baseline baseline) {
        if (candidate.verdict() != Verdict.PASS) {
            return candidate;
        }
        String why = null;
        if (candidate.testsRun() == 0 && baseline.testsRun() > 0) {
            why = "no tests ran, but " + baseline.testsRun() + " ran in the baseline";
        } else if (baseline.executed() != null && candidate.executedTests() != null
                && baseline.executed().size() < TestReport.MAX_IDS && candidate.executedTests().size() < TestReport.MAX_IDS) {
            Set<String> missing = new TreeSet<>(baseline.executed());
            missing.removeAll(candidate.executedTests());
            if (!missing.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (String id : missing) {
                    if (names.size() == 5) {
                        names.add("… (" + missing.size() + " in all)");
                        break;
                    }
                    boolean skipped = candidate.skippedTests() != null && candidate.skippedTests().contains(id);
                    names.add(simple(id) + (skipped ? " (skipped)" : ""));
                }
                why = "tests that ran in the baseline did not run: " + String.join(", ", names) + " (" + candidate.testsRun()
                        + " of the baseline's " + baseline.testsRun() + " tests ran)";
            }
        }
        if (why == null && candidate.testsRun() < baseline.testsRun()) {
            why = "fewer tests ran than in the baseline: " + candidate.testsRun() + " of " + baseline.testsRun()
                    + " (tests must not be deleted, skipped or left out of the build)";
        }
        if (why == null) {
            return candidate;
        }
        List<GateResult> gates = new ArrayList<>();
        boolean marked = false;
        for (GateResult g : candidate.gates()) {
            if (MavenGates.TESTS.equals(g.gate()) && !marked) {
                gates.add(new GateResult(g.gate(), Verdict.FAIL, g.durationMs(), why));
                marked = true;
            } else {
                gates.add(g);
            }
        }
        if (!marked) {
            gates.add(new GateResult(MavenGates.TESTS, Verdict.FAIL, 0, why));
        }
        return candidate.with(Verdict.FAIL, why, gates);
    }

    private static String simple(String id) {
        int hash = id.indexOf('#');
        String cls = hash < 0 ? id : id.substring(0, hash);
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? id : id.substring(dot + 1);
    }
}
