package dev.pavu.verifier.replay;

import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.service.CandidateVerifier;

import java.util.List;
import java.util.UUID;

/**
 * What a replay's verification gave ({@code POST /replays}).
 *
 * @param candidateId      the recorded candidate
 * @param replayId         the new candidate id it was verified under (its workspace and log file; no run is stored)
 * @param verdict          PASS, FAIL or ERROR
 * @param reason           one line
 * @param gates            {@code <gate>:<status>} in order, e.g. {@code tests:PASS}
 * @param testsRun         tests run
 * @param testsFailed      tests that failed or errored
 * @param failingTests     ids of the failing tests ({@code class#method}), in the order reported
 * @param durationMs       the verification's wall-clock time, milliseconds
 * @param comparedToBaseline whether the tests run were checked against the source's recorded baseline run
 * @param log              the verification's log (head and tail, as the verifier keeps it)
 */
public record ReplayVerdict(UUID candidateId, UUID replayId, Verdict verdict, String reason, List<String> gates, int testsRun,
                            int testsFailed, List<String> failingTests, long durationMs, boolean comparedToBaseline, String log) {

    static ReplayVerdict of(UUID candidateId, UUID replayId, CandidateVerifier.Result r, boolean comparedToBaseline) {
        return new ReplayVerdict(candidateId, replayId, r.outcome().verdict(), r.outcome().reason(),
                r.outcome().gates().stream().map(g -> g.gate() + ":" + g.status()).toList(), r.outcome().testsRun(),
                r.outcome().testsFailed(), r.outcome().failingTests().stream().map(TestFailure::testId).toList(),
                r.durationMs(), comparedToBaseline, r.log());
    }
}
