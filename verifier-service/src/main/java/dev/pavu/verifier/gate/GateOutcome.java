package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.report.TestReport;

import java.util.List;
import java.util.Set;

/**
 * What the gates made of one candidate.
 *
 * @param verdict       overall verdict: the first failing gate's status, or PASS
 * @param reason        one line, e.g. {@code 2 of 14 tests failed: InvoiceTest#total, InvoiceTest#tax}
 * @param gates         the gates run, in order
 * @param failingTests  failing tests (listed up to the configured maximum)
 * @param testsRun      tests executed
 * @param testsFailed   tests that failed or errored
 * @param executedTests ids ({@code Class#method}) of the tests executed in the run that decided, {@code null} = not
 *                      known (the fast path counts tests only; a command that writes no JUnit report)
 * @param skippedTests  ids of the tests skipped in that run, {@code null} = not known
 */
public record GateOutcome(Verdict verdict, String reason, List<GateResult> gates, List<TestFailure> failingTests,
                          int testsRun, int testsFailed, Set<String> executedTests, Set<String> skippedTests) {
    public GateOutcome {
        gates = List.copyOf(gates);
        failingTests = List.copyOf(failingTests);
        executedTests = executedTests == null ? null : Set.copyOf(executedTests);
        skippedTests = skippedTests == null ? null : Set.copyOf(skippedTests);
    }

    /** An outcome whose test ids are not known (counts only). */
    public GateOutcome(Verdict verdict, String reason, List<GateResult> gates, List<TestFailure> failingTests, int testsRun,
                       int testsFailed) {
        this(verdict, reason, gates, failingTests, testsRun, testsFailed, null, null);
    }

    /**
     * @param verdict the verdict
     * @param reason  one line
     * @param gates   the gates run
     * @param rep     the decisive run's report (failures, counts and ids)
     * @return the outcome
     */
    static GateOutcome of(Verdict verdict, String reason, List<GateResult> gates, TestReport rep) {
        return new GateOutcome(verdict, reason, gates, rep.failures(), rep.testsRun(), rep.testsFailed(), rep.executedIds(),
                rep.skippedIds());
    }

    /**
     * @param verdict the new verdict
     * @param reason  the new reason
     * @param gates   the new gate list
     * @return this outcome's tests with another verdict, reason and gates
     */
    public GateOutcome with(Verdict verdict, String reason, List<GateResult> gates) {
        return new GateOutcome(verdict, reason, gates, failingTests, testsRun, testsFailed, executedTests, skippedTests);
    }

    /**
     * An outcome decided before any gate ran (patch refused, unsupported build, job concluded …).
     *
     * @param verdict the verdict
     * @param reason  one line
     * @return the outcome, with no gates and no tests
     */
    public static GateOutcome early(Verdict verdict, String reason) {
        return new GateOutcome(verdict, reason, List.of(), List.of(), 0, 0);
    }
}
