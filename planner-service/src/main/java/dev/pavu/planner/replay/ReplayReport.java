package dev.pavu.planner.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A replay of a concluded job's final patch ({@code POST /jobs/{id}/replay?verifyOnly=true}): the candidate that won,
 * verified again in the sandbox, compared with what was recorded.
 *
 * @param jobId        the job
 * @param candidateId  the winning candidate
 * @param replayId     the id the verifier verified it under this time
 * @param identical    true when nothing below differs
 * @param differences  one line per difference, e.g. {@code verdict: recorded PASS, now FAIL}; empty when identical
 * @param recorded     the verdict recorded in the audit log
 * @param replayed     the verdict of this verification
 * @param patchSha256  SHA-256 (hex) of the patch verified: the job's stored patch, which must equal the recorded diff
 * @param reason       the new verdict's reason
 * @param durationMs   the new verification's wall-clock time, milliseconds
 * @param log          the new verification's log when it differs (head and tail), else {@code null}
 */
public record ReplayReport(UUID jobId, UUID candidateId, UUID replayId, boolean identical, List<String> differences,
                           Facts recorded, Facts replayed, String patchSha256, String reason, long durationMs, String log) {

    /**
     * What a verdict says, as compared.
     *
     * @param verdict      PASS, FAIL or ERROR
     * @param testsRun     tests run
     * @param testsFailed  tests failed or errored
     * @param failingTests ids of the failing tests ({@code class#method}), sorted
     */
    public record Facts(String verdict, int testsRun, int testsFailed, List<String> failingTests) {

        /**
         * @param verdict a verdict as JSON: the recorded {@code pavu.verdict.issued.v1} (its {@code failingTests} are
         *                objects with a {@code testId}) or the verifier's replay answer (plain ids)
         * @return its facts
         */
        public static Facts of(JsonNode verdict) {
            List<String> failing = new ArrayList<>();
            verdict.path("failingTests").forEach(t -> failing.add(t.isTextual() ? t.asText() : t.path("testId").asText()));
            failing.sort(null);
            return new Facts(verdict.path("verdict").asText(), verdict.path("testsRun").asInt(), verdict.path("testsFailed").asInt(),
                    List.copyOf(failing));
        }
    }

    /**
     * @param recorded what the audit log holds
     * @param replayed what the verification gave now
     * @return one line per fact that differs (verdict, tests run, tests failed, failing tests), in that order
     */
    public static List<String> differences(Facts recorded, Facts replayed) {
        List<String> d = new ArrayList<>();
        if (!recorded.verdict().equals(replayed.verdict())) {
            d.add("verdict: recorded " + recorded.verdict() + ", now " + replayed.verdict());
        }
        if (recorded.testsRun() != replayed.testsRun()) {
            d.add("tests run: recorded " + recorded.testsRun() + ", now " + replayed.testsRun());
        }
        if (recorded.testsFailed() != replayed.testsFailed()) {
            d.add("tests failed: recorded " + recorded.testsFailed() + ", now " + replayed.testsFailed());
        }
        if (!recorded.failingTests().equals(replayed.failingTests())) {
            d.add("failing tests: recorded " + recorded.failingTests() + ", now " + replayed.failingTests());
        }
        return d;
    }
}
