package dev.pavu.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The verifier's judgement of one candidate (topic {@link Topics#VERDICTS}, key = job id).
 *
 * @param envelope     envelope of type {@link EventTypes#VERDICT_ISSUED}; causation = the diff's event id
 * @param candidateId  the candidate judged
 * @param planId       its plan
 * @param verdict      overall verdict (the first failing gate's, or PASS)
 * @param reason       one line: why, e.g. {@code 1 of 12 tests failed: StatsTest#mean}
 * @param gates        the gates run, in order, each with its status and time
 * @param failingTests failing tests with messages and stack traces (a few dozen at most)
 * @param testsRun     tests executed
 * @param testsFailed  tests that failed or errored
 * @param durationMs   wall-clock time of the whole verification, milliseconds
 * @param diff         the verified diff (empty for the baseline), so consumers need not join on {@code pavu.diffs}
 * @param pattern      the candidate's fix pattern
 * @param logUrl       URL of the full log kept by the verifier, or {@code null}
 * @param logExcerpt   the end of the log (a few KB), or {@code null}
 * @param coverage     per-test coverage when the plan asked for it, else empty
 */
public record VerdictIssued(Envelope envelope, UUID candidateId, UUID planId, Verdict verdict, String reason,
                            List<GateResult> gates, List<TestFailure> failingTests, int testsRun, int testsFailed,
                            long durationMs, String diff, String pattern, String logUrl, String logExcerpt,
                            List<TestCoverage> coverage) implements PavuEvent {
    public VerdictIssued {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(candidateId, "candidateId is required");
        Objects.requireNonNull(planId, "planId is required");
        Objects.requireNonNull(verdict, "verdict is required");
        gates = gates == null ? List.of() : List.copyOf(gates);
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
        diff = diff == null ? "" : diff;
    }

    /** @return true when this is the verdict of the empty patch (the baseline); derived, not written to the wire */
    @JsonIgnore
    public boolean isBaseline() {
        return diff.isBlank();
    }
}
