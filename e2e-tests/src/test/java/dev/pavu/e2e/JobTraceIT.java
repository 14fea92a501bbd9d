package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One OpenTelemetry trace per job, across HTTP and Kafka (issue 16, item 4): the stack's five services are restarted
 * with {@code OTEL_EXPORTER_OTLP_ENDPOINT} naming an in-test OTLP/HTTP receiver ({@link OtlpReceiver}) — nothing else:
 * the endpoint alone turns tracing on — and the bundled example is repaired. Its trace, whose id is the job's id,
 * holds the planner's submission, the actuator's plan handling, the verifier's diff handling that produced a verdict,
 * the updater's audit writes and the planner's verdict handling that concluded the job; every one of them a child of
 * the job's (never exported) root span, whose id is derived from the job id, and linked to the HTTP or Kafka span
 * that carried it. Each service's {@code /q/metrics} then shows Pavu's meters of that job. At the end the services
 * are restarted without the endpoint, as the other tests expect them (the model gateway, which a job without a
 * model does not reach, is left as it is).
 */
@ExtendWith(LocalStackExtension.class)
class JobTraceIT {

    private static OtlpReceiver receiver;
    private final PlannerClient planner = new PlannerClient();

    @BeforeAll
    static void servicesExportToTheReceiver() throws Exception {
        receiver = new OtlpReceiver();
        restart(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // export every 200 ms instead of every 5 s: the test waits for the last spans
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
    }

    @AfterAll
    static void servicesWithoutTheEndpointAgain() {
        try {
            restart(Map.of());
        } finally {
            receiver.close();
        }
    }

    /** Restarts the four services a job without a model passes through (not the gateway), in parallel. */
    private static void restart(Map<String, String> env) {
        List<String> traced = List.of("planner-service", "actuator-service", "verifier-service", "updater-service");
        try (ExecutorService pool = Executors.newFixedThreadPool(traced.size())) {
            all(pool, traced.stream().map(s -> (Runnable) () -> LocalStackExtension.run(Map.of(), "down", s)).toList());
            all(pool, traced.stream().map(s -> (Runnable) () -> LocalStackExtension.run(env, "up", s)).toList());
        }
    }

    private static void all(ExecutorService pool, List<Runnable> steps) {
        steps.stream().map(step -> CompletableFuture.runAsync(step, pool)).toList().forEach(CompletableFuture::join);
    }

    @Test
    void oneJobIsOneTraceAcrossEveryService() throws Exception {
        String id = planner.submitProject(Projects.named("invoicing"), Map.of("task", "make the failing tests pass",
                "budget", Map.of("maxIterations", 3, "maxCandidates", 150, "candidateTimeoutMs", 60_000,
                        "jobTimeoutMs", 600_000))).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(5));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());

        String traceId = id.replace("-", "");
        String root = rootSpanId(id);
        // the conclusion's span and the updater's write of JobConcluded are the last ones; then one more export round
        List<OtlpReceiver.Span> job = awaitSpans(traceId, s -> s.service().equals("updater-service")
                && s.name().equals("updater handle pavu.job.concluded"));
        String seen = job.stream().map(s -> s.service() + ": " + s.name()).sorted().distinct()
                .collect(Collectors.joining("\n  ", "\n  ", "")) + "\nerrors: " + receiver.errors();

        // parents: each service's span of the job's work is a child of the job's root, which is never exported; the
        // rest of the trace (e.g. an HTTP call a step makes to another service, and that service's server span) hangs
        // below those spans
        Set<String> ids = job.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
        assertEquals(job.size(), ids.size(), "span ids are unique");
        assertFalse(ids.contains(root), "the root is not exported" + seen);
        for (OtlpReceiver.Span s : job) {
            if (s.attributes().containsKey("pavu.job.id")) {
                assertEquals(root, s.parentSpanId(), s.service() + " " + s.name() + " is a child of the job's root" + seen);
                assertEquals(id, s.attributes().get("pavu.job.id"), s.name());
            } else {
                assertTrue(ids.contains(s.parentSpanId()), s.service() + " " + s.name() + ": its parent is in the trace" + seen);
            }
        }

        OtlpReceiver.Span submit = one(job, "planner-service", "planner submit job", seen);
        one(job, "planner-service", "planner resolve source", seen);
        // the concluding verdict, the verifier's handling of that candidate, the plans that led to it
        OtlpReceiver.Span concluded = job.stream().filter(s -> s.service().equals("planner-service")
                        && s.name().equals("planner handle pavu.verdict.issued") && produced(s, "pavu.job.concluded.v1"))
                .findFirst().orElseThrow(() -> new AssertionError("no planner span that concluded the job" + seen));
        String winner = concluded.attributes().get("pavu.candidate.id");
        OtlpReceiver.Span verified = job.stream().filter(s -> s.service().equals("verifier-service")
                        && s.name().equals("verifier handle pavu.diff.proposed") && winner.equals(s.attributes().get("pavu.candidate.id")))
                .findFirst().orElseThrow(() -> new AssertionError("no verifier span of the winning candidate " + winner + seen));
        assertTrue(produced(verified, "pavu.verdict.issued.v1"), "the verifier's span produced the verdict: " + verified);
        assertEquals("SPAN_KIND_CONSUMER", verified.kind());
        List<OtlpReceiver.Span> plans = job.stream().filter(s -> s.service().equals("actuator-service")
                && s.name().equals("actuator handle pavu.plan.proposed")).toList();
        assertFalse(plans.isEmpty(), "the actuator's plan handling" + seen);
        assertTrue(plans.stream().anyMatch(p -> produced(p, "pavu.diff.proposed.v1")), "the actuator proposed candidates" + seen);
        OtlpReceiver.Span firstPlan = plans.stream().min(java.util.Comparator.comparingLong(OtlpReceiver.Span::startNanos)).orElseThrow();

        // the updater: the job's events written to the audit log, each in the job's trace with its row
        List<OtlpReceiver.Span> audits = job.stream().filter(s -> s.service().equals("updater-service")
                && s.name().startsWith("updater handle ")).toList();
        Set<String> audited = audits.stream().map(OtlpReceiver.Span::name).collect(Collectors.toSet());
        assertTrue(audited.containsAll(Set.of("updater handle pavu.job.submitted", "updater handle pavu.plan.proposed",
                "updater handle pavu.diff.proposed", "updater handle pavu.verdict.issued",
                "updater handle pavu.job.concluded")), "audit writes: " + audited);
        assertTrue(audits.stream().allMatch(s -> s.attributes().containsKey("pavu.audit.seq")), "each audit span names its row" + seen);

        // causal order on one clock: submitted, planned, verified, concluded
        assertTrue(submit.startNanos() < firstPlan.startNanos() && firstPlan.startNanos() < verified.startNanos()
                && verified.startNanos() < concluded.startNanos(), "order: " + List.of(submit, firstPlan, verified, concluded));

        // links: the HTTP request that submitted the job; the Kafka record that carried each handled event (the
        // verifier reads batches, so no single record's span is current and its span has no link)
        OtlpReceiver.Span http = linked(submit);
        assertEquals("SPAN_KIND_SERVER", http.kind(), http.toString());
        assertTrue(http.name().contains("/jobs"), http.toString());
        for (OtlpReceiver.Span s : List.of(firstPlan, concluded, audits.getFirst())) {
            OtlpReceiver.Span carrier = linked(s);
            System.out.println("JobTraceIT: " + s.service() + " " + s.name() + " -> " + carrier.service() + " "
                    + carrier.name() + " " + carrier.kind());
            assertEquals(s.service(), carrier.service(), "the carrier span is " + s.service() + "'s own");
            assertEquals("SPAN_KIND_CONSUMER", carrier.kind(), carrier.toString());
            assertFalse(carrier.traceId().equals(traceId), "a link leaves the job's trace: " + carrier);
        }
        assertTrue(verified.links().isEmpty(), "the verifier's batch: " + verified.links());
        System.out.println("JobTraceIT: the trace of job " + id + ":" + seen);

        assertMeters();
    }

    /** Pavu's meters of the job on each service's /q/metrics, and Kafka's consumer lag. */
    private static void assertMeters() throws Exception {
        String plannerMetrics = metrics("PAVU_PLANNER_PORT", 8081);
        assertTrue(plannerMetrics.contains("pavu_jobs_concluded_total{outcome=\"SUCCEEDED\""), plannerMetrics);
        assertTrue(plannerMetrics.contains("pavu_job_duration_seconds_count{outcome=\"SUCCEEDED\""), plannerMetrics);
        // Micrometer binds a Kafka client's per-partition metrics when it next looks (about once a minute)
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!plannerMetrics.contains("kafka_consumer_fetch_manager_records_lag{") && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            plannerMetrics = metrics("PAVU_PLANNER_PORT", 8081);
        }
        assertTrue(plannerMetrics.contains("kafka_consumer_fetch_manager_records_lag{"), "consumer lag is exported");
        assertTrue(metrics("PAVU_ACTUATOR_PORT", 8082).contains("pavu_candidates_proposed_total{"), "candidates");
        String verifierMetrics = metrics("PAVU_VERIFIER_PORT", 8083);
        List<String> latency = verifierMetrics.lines().filter(l -> l.startsWith("pavu_verdict_latency_seconds_count{")).toList();
        System.out.println("JobTraceIT: " + String.join("\nJobTraceIT: ", latency));
        // the baseline runs on the cold path (with the coverage probe when the planner asks for coverage)
        assertTrue(latency.stream().anyMatch(l -> l.contains("run=\"baseline\"") && (l.contains("path=\"cold\"")
                || l.contains("path=\"coverage\""))), "the baseline's latency: " + latency);
        assertTrue(latency.stream().anyMatch(l -> l.contains("run=\"candidate\"") && l.contains("verdict=\"PASS\"")),
                "the winning candidate's latency: " + latency);
        assertTrue(verifierMetrics.contains("pavu_verdict_latency_seconds_bucket{"), "a histogram");
    }

    private List<OtlpReceiver.Span> awaitSpans(String traceId, Predicate<OtlpReceiver.Span> last) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (receiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && last.test(s))) {
                Thread.sleep(1500);
                return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the job's last span did not arrive; the trace has: " + receiver.spans().stream()
                .filter(s -> s.traceId().equals(traceId)).map(OtlpReceiver.Span::name).toList()
                + "; errors: " + receiver.errors() + "; spans received: " + receiver.spans().size());
    }

    /** @return the span the given span's (only) link points to, as the same receiver got it */
    private static OtlpReceiver.Span linked(OtlpReceiver.Span s) throws InterruptedException {
        assertEquals(1, s.links().size(), s.name() + " links the span that carried it: " + s.links());
        String[] link = s.links().getFirst().split("/");
        for (int i = 0; i < 50; i++) {
            var found = receiver.spans().stream().filter(o -> o.traceId().equals(link[0]) && o.spanId().equals(link[1])).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(s.name() + ": its linked span " + s.links() + " was never exported");
    }

    private static OtlpReceiver.Span one(List<OtlpReceiver.Span> spans, String service, String name, String seen) {
        List<OtlpReceiver.Span> found = spans.stream().filter(s -> s.service().equals(service) && s.name().equals(name)).toList();
        assertEquals(1, found.size(), service + " " + name + seen);
        return found.getFirst();
    }

    private static boolean produced(OtlpReceiver.Span s, String eventType) {
        return s.events().stream().anyMatch(e -> e.name().equals("pavu.event.produced")
                && eventType.equals(e.attributes().get("pavu.event.type")));
    }

    /** The job's root span id as every service derives it: the first 8 bytes of SHA-256("pavu-job:" + job id). */
    private static String rootSpanId(String jobId) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(("pavu-job:" + jobId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }

    private static String metrics(String portVariable, int defaultPort) throws Exception {
        String port = Objects.requireNonNullElse(System.getenv(portVariable), Integer.toString(defaultPort));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), portVariable + " /q/metrics");
        return r.body();
    }
}
