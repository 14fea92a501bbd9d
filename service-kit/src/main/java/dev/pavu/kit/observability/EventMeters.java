package dev.pavu.kit.observability;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.VerdictIssued;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Pavu's own meters, counted from the events a service produced — once each, after the transaction that wrote the
 * event to the outbox committed (the {@code Outbox} calls {@link #produced}), so a rolled-back or redelivered cause
 * counts nothing twice. Each service's {@code /q/metrics} (Prometheus text) shows the meters of the events it owns:
 * <ul>
 *   <li>{@code pavu_events_produced_total{type}} — every service;</li>
 *   <li>{@code pavu_jobs_submitted_total{kind}}, {@code pavu_jobs_concluded_total{outcome}},
 *       {@code pavu_job_duration_seconds{outcome}} (submission to conclusion) and {@code pavu_job_candidates{outcome}}
 *       (candidates verified per job) — the planner;</li>
 *   <li>{@code pavu_candidates_proposed_total{proposer}} — the actuator (its rate is candidates per second);</li>
 *   <li>{@code pavu_verdicts_total{verdict,run}}, {@code pavu_verdict_latency_seconds{verdict,run,path}} (a histogram
 *       of the verifier's run time of one candidate; {@code run} is {@code baseline} or {@code candidate}, {@code path}
 *       one of {@link VerdictSignals}' paths) and {@code pavu_sandbox_failures_total{cause}} — the verifier, at the
 *       place a verdict is stored, not from the outbox (the run time is the verifier's own figure).</li>
 * </ul>
 * Consumer lag is Kafka's own client metric ({@code kafka_consumer_fetch_manager_records_lag}, {@code …_lag_max},
 * Quarkus's Kafka binder). The names are in {@link MeterNames}.
 */
@ApplicationScoped
public class EventMeters {

    private final MeterRegistry registry;

    public EventMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one committed event of this service.
     *
     * @param event the event, as added to the outbox
     */
    public void produced(PavuEvent event) {
        registry.counter(MeterNames.EVENTS_PRODUCED, "type", event.envelope().type()).increment();
        switch (event) {
            case JobSubmitted s -> registry.counter(MeterNames.JOBS_SUBMITTED, "kind",
                    s.task().kind() == null ? "REPAIR" : s.task().kind().name()).increment();
            case JobConcluded c -> {
                String outcome = c.outcome().name();
                registry.counter(MeterNames.JOBS_CONCLUDED, "outcome", outcome).increment();
                Timer.builder(MeterNames.JOB_DURATION).description("a job's time from submission to conclusion")
                        .tag("outcome", outcome).register(registry).record(Duration.ofMillis(Math.max(0, c.durationMs())));
                DistributionSummary.builder(MeterNames.JOB_CANDIDATES).description("candidates verified per job")
                        .tag("outcome", outcome).register(registry).record(c.candidatesTried());
            }
            case DiffProposed d -> registry.counter(MeterNames.CANDIDATES_PROPOSED, "proposer",
                    d.proposer() == null ? "unknown" : d.proposer()).increment();
            case VerdictIssued v -> {
                String run = v.diff() == null || v.diff().isBlank() ? "baseline" : "candidate";
                registry.counter(MeterNames.VERDICTS, "verdict", v.verdict().name(), "run", run).increment();
            }
            default -> {
                // other events: the produced counter only
            }
        }
    }

    /**
     * Records the verifier's run time of one candidate on the path that verified it.
     *
     * @param verdict    the verdict's name (PASS, FAIL, ERROR, SKIPPED)
     * @param baseline   whether it was the job's baseline run
     * @param path       {@link VerdictSignals#path}: {@code fast}, {@code cold}, {@code coverage}, {@code fallback}, or
     *                   {@code none} (no gate ran, e.g. a refused diff)
     * @param durationMs the run's wall-clock time in milliseconds
     */
    public void verdictLatency(String verdict, boolean baseline, String path, long durationMs) {
        // a histogram (not client-side percentiles), so dashboards can aggregate quantiles over workers
        Timer.builder(MeterNames.VERDICT_LATENCY).description("the verifier's run time of one candidate")
                .tag("verdict", verdict).tag("run", baseline ? "baseline" : "candidate").tag("path", path)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry).record(Duration.ofMillis(Math.max(0, durationMs)));
    }

    /**
     * Counts a sandbox failure: a run the sandbox killed or could not start.
     *
     * @param cause a short, bounded cause name ({@link VerdictSignals#sandboxFailure}: {@code fail-closed},
     *              {@code timeout}, {@code memory}, {@code processes}, {@code output}, {@code start-failed})
     */
    public void sandboxFailure(String cause) {
        registry.counter(MeterNames.SANDBOX_FAILURES, "cause", cause).increment();
    }
}
