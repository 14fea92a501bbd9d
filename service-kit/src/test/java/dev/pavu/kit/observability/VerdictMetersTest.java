package dev.pavu.kit.observability;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's meters as Prometheus shows them: {@code pavu_verdict_latency_seconds} by verdict, run and path (a
 * histogram), {@code pavu_sandbox_failures_total} by cause — with the path and cause read from real verdict shapes.
 */
class VerdictMetersTest {

    private static final String DIFF = "--- a/X.java\n+++ b/X.java\n@@ -1 +1 @@\n-a\n+b\n";

    private static VerdictIssued verdict(Verdict verdict, String reason, List<GateResult> gates, String diff,
                                         List<TestCoverage> coverage) {
        UUID job = UUID.randomUUID();
        return new VerdictIssued(Envelope.of("pavu.verdict.issued.v1", job, 1, UUID.randomUUID(), "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), verdict, reason, gates, List.of(), 3, 0, 1200, diff, "p", null, null,
                coverage);
    }

    private static GateResult gate(String name, Verdict status, String detail) {
        return new GateResult(name, status, 10, detail);
    }

    @Test
    void thePathIsReadFromTheVerdict() {
        assertEquals("fast", VerdictSignals.path(verdict(Verdict.PASS, "all 3 tests passed", List.of(
                gate("static", Verdict.PASS, "compiled (fast path)"), gate("tests", Verdict.PASS, "3 tests passed (fast path)")),
                DIFF, List.of())));
        assertEquals("fast", VerdictSignals.path(verdict(Verdict.FAIL, "does not compile: X.java:1", List.of(
                gate("static", Verdict.FAIL, "does not compile: X.java:1 (fast path)")), DIFF, List.of())));
        assertEquals("cold", VerdictSignals.path(verdict(Verdict.PASS, "all 3 tests passed", List.of(
                gate("static", Verdict.PASS, "compiled"), gate("tests", Verdict.PASS, "3 tests passed")), "", List.of())));
        assertEquals("fallback", VerdictSignals.path(verdict(Verdict.PASS,
                "all 3 tests passed; fast path failed (the warm JVM crashed); verified on the cold path",
                List.of(gate("tests", Verdict.PASS, "3 tests passed; fast path failed (x); verified on the cold path")),
                DIFF, List.of())));
        assertEquals("coverage", VerdictSignals.path(verdict(Verdict.FAIL, "1 of 3 tests failed", List.of(
                gate("tests", Verdict.FAIL, "1 of 3 tests failed")), "",
                List.of(new TestCoverage("demo.XTest#a", false, java.util.Map.of())))));
        assertEquals("none", VerdictSignals.path(verdict(Verdict.SKIPPED, "not run: the job was cancelled", List.of(), DIFF,
                List.of())));
    }

    @Test
    void sandboxFailuresAreNamedByCauseAndOrdinaryVerdictsAreNone() {
        assertEquals(Optional.of("fail-closed"), VerdictSignals.sandboxFailure(verdict(Verdict.ERROR,
                "not run: no working sandbox: bwrap: setting up uid map: Permission denied", List.of(), DIFF, List.of())));
        assertEquals(Optional.of("timeout"), VerdictSignals.sandboxFailure(verdict(Verdict.TIMEOUT,
                "timed out after 30 s (limit 30000 ms) in demo.XTest; the process tree was killed",
                List.of(gate("tests", Verdict.TIMEOUT, "timed out after 30 s")), DIFF, List.of())));
        assertEquals(Optional.of("memory"), VerdictSignals.sandboxFailure(verdict(Verdict.ERROR, "the tests gate failed",
                List.of(gate("tests", Verdict.ERROR, "memory limit of 2 GiB exceeded: the kernel killed a process of the run")),
                DIFF, List.of())));
        assertEquals(Optional.of("processes"), VerdictSignals.sandboxFailure(verdict(Verdict.ERROR,
                "process limit of 256 processes/threads reached (a fork bomb?); the run was stopped", List.of(
                        gate("tests", Verdict.ERROR, "x")), DIFF, List.of())));
        assertEquals(Optional.of("output"), VerdictSignals.sandboxFailure(verdict(Verdict.ERROR,
                "output limit of 64 MiB exceeded; the process tree was killed", List.of(gate("tests", Verdict.ERROR, "x")),
                DIFF, List.of())));
        // a failing test, a refused patch, a passing candidate: the sandbox did its job
        assertEquals(Optional.empty(), VerdictSignals.sandboxFailure(verdict(Verdict.FAIL, "1 of 3 tests failed",
                List.of(gate("tests", Verdict.FAIL, "1 of 3 tests failed")), DIFF, List.of())));
        assertEquals(Optional.empty(), VerdictSignals.sandboxFailure(verdict(Verdict.ERROR,
                "the patch does not apply: hunk 1 of X.java", List.of(), DIFF, List.of())));
        assertEquals(Optional.empty(), VerdictSignals.sandboxFailure(verdict(Verdict.PASS, "all 3 tests passed",
                List.of(gate("tests", Verdict.PASS, "3 tests passed (fast path)")), DIFF, List.of())));
    }

    @Test
    void prometheusShowsVerdictLatencyByPathAndSandboxFailuresByCause() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventMeters meters = new EventMeters(registry);
        meters.verdictLatency("PASS", false, "fast", 1500);
        meters.verdictLatency("PASS", false, "fast", 500);
        meters.verdictLatency("FAIL", true, "cold", 42_000);
        meters.sandboxFailure("timeout");
        meters.sandboxFailure("timeout");
        meters.sandboxFailure("fail-closed");
        String text = registry.scrape();

        assertTrue(text.contains("pavu_verdict_latency_seconds_count{path=\"fast\",run=\"candidate\",verdict=\"PASS\",} 2.0"), text);
        assertTrue(text.contains("pavu_verdict_latency_seconds_sum{path=\"fast\",run=\"candidate\",verdict=\"PASS\",} 2.0"), text);
        assertTrue(text.contains("pavu_verdict_latency_seconds_count{path=\"cold\",run=\"baseline\",verdict=\"FAIL\",} 1.0"), text);
        // a histogram: the dashboard's histogram_quantile needs the buckets
        assertTrue(text.lines().anyMatch(l -> l.startsWith("pavu_verdict_latency_seconds_bucket{path=\"cold\"")
                && l.contains("le=\"+Inf\"")), text);
        assertTrue(text.contains("pavu_sandbox_failures_total{cause=\"timeout\",} 2.0"), text);
        assertTrue(text.contains("pavu_sandbox_failures_total{cause=\"fail-closed\",} 1.0"), text);

        // every series the registry shows under a Pavu name is one MeterNames promises (the dashboard test relies on it)
        Matcher m = Pattern.compile("(?m)^(pavu_[a-z_]+)[{ ]").matcher(text);
        Set<String> shown = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
        assertTrue(MeterNames.prometheusSeries().containsAll(shown), shown + " vs " + MeterNames.prometheusSeries());
        assertTrue(shown.containsAll(Set.of("pavu_verdict_latency_seconds_bucket", "pavu_verdict_latency_seconds_count",
                "pavu_sandbox_failures_total")), shown.toString());
    }
}
