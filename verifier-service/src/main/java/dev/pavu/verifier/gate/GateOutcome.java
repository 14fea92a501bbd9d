package dev.pavu.verifier.gate;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;

import java.util.List;

/**
 * What the gates made of one candidate.
 *
 * @param verdict      overall verdict: the first failing gate's status, or PASS
 * @param reason       one line, e.g. {@code 2 of 14 tests failed: InvoiceTest#total, InvoiceTest#tax}
 * @param gates        the gates run, in order
 * @param failingTests failing tests (listed up to the configured maximum)
 * @param testsRun     tests executed
 * @param testsFailed  tests that failed or errored
 */
public record GateOutcome(Verdict verdict, String reason, List<GateResult> gates, List<TestFailure> failingTests,
                          int testsRun, int testsFailed) {
    public GateOutcome {
        gates = List.copyOf(gates);
        failingTests = List.copyOf(failingTests);
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
