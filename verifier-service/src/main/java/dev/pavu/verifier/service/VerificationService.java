package dev.pavu.verifier.service;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.observability.EventMeters;
import dev.pavu.kit.observability.VerdictSignals;
import dev.pavu.kit.retry.TransientRetry;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.BaselineTests;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.repository.BaselineTestRepository;
import dev.pavu.verifier.messaging.VerdictPublisher;
import dev.pavu.verifier.repository.ConcludedJobRepository;
import dev.pavu.verifier.repository.RunRepository;
import dev.pavu.verifier.repository.RunRepository.Claim;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.source.Workspaces;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns one {@link DiffProposed} into exactly one {@link VerdictIssued}:
 * <ol>
 *   <li>claim the candidate's run (a short transaction; a candidate already judged is not run again). Each claim takes
 *       the run's next epoch; a run abandoned {@code pavu.verifier.max-attempts} times gets an ERROR verdict instead of
 *       another run; a re-run first deletes what the killed run left;</li>
 *   <li>a candidate of a job that has concluded gets SKIPPED without running (with
 *       {@code pavu.verifier.skip-after-plausible} also one of a job that already has a PASS verdict);</li>
 *   <li>verify it ({@link CandidateVerifier}, no transaction held; a heartbeat marks the run alive), a repair
 *       candidate against the tests its source's baseline ran ({@link BaselineTestRepository});</li>
 *   <li>store the verdict, the processed event id (for the baseline also what tests it ran) and the verdict event in
 *       the outbox in one transaction — only if this claim's epoch is still current, so a stalled worker's late verdict
 *       is dropped. Transactions are retried on transient failures ({@link TransientRetry}).</li>
 * </ol>
 */
@ApplicationScoped
public class VerificationService {

    /** The consumer name in {@code processed_events}. */
    public static final String CONSUMER = "verifier.diffs-in";
    /** The producer name in envelopes. */
    public static final String PRODUCER = "verifier-service";

    private final VerifierConfig config;
    private final RunRepository runs;
    private final ConcludedJobRepository jobs;
    private final ProcessedEvents processed;
    private final CandidateVerifier verifier;
    private final VerdictPublisher publisher;
    private final BaselineTestRepository baselines;
    private final TransientRetry retry;
    private final EventMeters meters;
    private final String worker;
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("verifier-heartbeat").factory());

    public VerificationService(VerifierConfig config, RunRepository runs, ConcludedJobRepository jobs, ProcessedEvents processed,
                               CandidateVerifier verifier, VerdictPublisher publisher, BaselineTestRepository baselines,
                               TransientRetry retry, EventMeters meters) {
        this.meters = meters;
        this.baselines = baselines;
        this.retry = retry;
        this.config = config;
        this.runs = runs;
        this.jobs = jobs;
        this.processed = processed;
        this.verifier = verifier;
        this.publisher = publisher;
        this.worker = config.workerId().filter(s -> !s.isBlank()).orElseGet(VerificationService::defaultWorkerId);
        long every = Math.max(1000, config.staleAfter().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return this worker's id, written on the runs it claims */
    public String workerId() {
        return worker;
    }

    /**
     * Handles one candidate to its verdict (or to nothing, when it was handled before or this worker was fenced out).
     *
     * @param diff the candidate
     */
    public void handle(DiffProposed diff) {
        Claim claim = claimOrWait(diff);
        switch (claim.state()) {
            case DONE -> {
                Log.infof("candidate %s was verified before (by %s): not running it again", diff.candidateId(), claim.worker());
                return;
            }
            case DONE_UNPUBLISHED -> {
                Log.infof("candidate %s was verified before; handing its stored verdict to the outbox", diff.candidateId());
                VerdictIssued v = EventCodec.read(claim.verdictJson(), VerdictIssued.class);
                retry.run(() -> QuarkusTransaction.requiringNew().run(() -> {
                    publisher.publish(v);
                    runs.markPublished(v.candidateId());
                }));
                return;
            }
            case EXHAUSTED -> {
                int abandoned = claim.attempts() - 1;
                Log.warnf("candidate %s: its run was abandoned %d times; not running it again", diff.candidateId(), abandoned);
                cleanLeftovers(diff);
                store(diff, claim, GateOutcome.early(Verdict.ERROR, "not run again: the candidate crashed or stalled the verifier "
                        + "worker " + abandoned + " times (its run was abandoned each time; pavu.verifier.max-attempts="
                        + config.maxAttempts() + ")"), 0, null, List.of(), Optional.empty());
                return;
            }
            default -> {
                // CLAIMED: ours to verify
            }
        }
        if (claim.attempts() > 1) {
            // an earlier run was killed: its directories would break this run's checkout
            cleanLeftovers(diff);
        }
        active.add(diff.candidateId());
        try {
            GateOutcome outcome;
            long durationMs;
            String log;
            List<TestCoverage> coverage = List.of();
            Optional<String> ended = concluded(diff.jobId());
            if (ended.isPresent()) {
                outcome = GateOutcome.early(Verdict.SKIPPED, "not run: the job " + ended.get());
                durationMs = 0;
                log = null;
                Log.infof("candidate %s skipped: job %s %s", diff.candidateId(), diff.jobId(), ended.get());
            } else {
                Log.infof("verifying candidate %s of job %s (iteration %d, %s, attempt %d)", diff.candidateId(), diff.jobId(),
                        diff.envelope().iteration(), diff.pattern(), claim.attempts());
                boolean isBaseline = CandidateVerifier.isBaseline(diff);
                Optional<BaselineTests.Baseline> baseline = isBaseline ? Optional.empty()
                        : retry.call(() -> QuarkusTransaction.requiringNew().call(() -> baselines.find(diff.source(), diff.verify().testCommand())));
                CandidateVerifier.Result r = verifier.verify(diff, watchFor(diff), baseline);
                outcome = r.outcome();
                durationMs = r.durationMs();
                log = r.log();
                coverage = r.coverage();
            }
            Optional<BaselineTests.Baseline> ran = ended.isEmpty() && CandidateVerifier.isBaseline(diff)
                    ? BaselineTests.of(outcome) : Optional.empty();
            store(diff, claim, outcome, durationMs, log, coverage, ran);
        } finally {
            active.remove(diff.candidateId());
        }
    }

    /**
     * Stores the verdict, the processed event id and (for a PASS) the job's plausible mark, and hands the verdict to
     * the outbox: one transaction, retried on transient failures, and only while this worker's claim is the current
     * epoch of the run (a fenced-out worker's verdict is dropped).
     */
    private void store(DiffProposed diff, Claim claim, GateOutcome outcome, long durationMs, String log,
                       List<TestCoverage> coverage, Optional<BaselineTests.Baseline> ran) {
        VerdictIssued verdict = verdict(diff, outcome, durationMs, log, coverage);
        String json = EventCodec.write(verdict);
        boolean stored = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (!runs.complete(verdict, json, claim.epoch())) {
                return false;
            }
            ran.ifPresent(b -> baselines.record(diff.source(), diff.verify().testCommand(), diff.candidateId(), b));
            processed.firstTime(diff.eventId(), CONSUMER);
            if (verdict.verdict() == Verdict.PASS && config.skipAfterPlausible()) {
                // a planner that concludes a job on its first PASS (ranking off): every worker may skip the job's other
                // candidates now, instead of verifying them until the conclusion comes back on pavu.jobs
                jobs.record(diff.jobId(), EventTypes.VERDICT_ISSUED, ConcludedJobRepository.PLAUSIBLE,
                        verdict.envelope().eventId());
            }
            publisher.publish(verdict);
            return true;
        }));
        if (stored) {
            meters.verdictLatency(verdict.verdict().name(), verdict.isBaseline(), VerdictSignals.path(verdict), durationMs);
            VerdictSignals.sandboxFailure(verdict).ifPresent(meters::sandboxFailure);
            Log.infof("candidate %s: %s in %d ms — %s", diff.candidateId(), verdict.verdict(), durationMs, verdict.reason());
        } else {
            Log.warnf("candidate %s: verdict %s dropped: this worker's run (epoch %d) was taken over by another worker",
                    diff.candidateId(), verdict.verdict(), claim.epoch());
        }
    }

    /** Deletes what a killed run of this candidate left (the same paths {@link CandidateVerifier} uses). */
    private void cleanLeftovers(DiffProposed diff) {
        Path work = Path.of(config.home(), "verifier", "work");
        for (Path p : List.of(work.resolve(diff.candidateId().toString()), work.resolve(diff.candidateId() + "-prefetch"))) {
            if (Files.exists(p)) {
                Log.infof("candidate %s: removing %s left by a killed run", diff.candidateId(), p);
                Workspaces.deleteRecursively(p);
            }
        }
    }

    private Claim claimOrWait(DiffProposed diff) {
        long waitedFrom = System.nanoTime();
        boolean logged = false;
        while (true) {
            Claim c = retry.call(() -> QuarkusTransaction.requiringNew().call(
                    () -> runs.claim(diff, worker, config.staleAfter(), config.maxAttempts())));
            if (c.state() != RunRepository.ClaimState.RUNNING_ELSEWHERE) {
                return c;
            }
            if (!logged) {
                Log.infof("candidate %s is being verified by %s; waiting for its verdict or for that worker to go silent",
                        diff.candidateId(), c.worker());
                logged = true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for another worker's run of " + diff.candidateId(), e);
            }
            if (System.nanoTime() - waitedFrom > TimeUnit.HOURS.toNanos(2)) {
                throw new IllegalStateException("candidate " + diff.candidateId() + " held by " + c.worker() + " for over 2 h");
            }
        }
    }

    private VerdictIssued verdict(DiffProposed diff, GateOutcome o, long durationMs, String log, List<TestCoverage> coverage) {
        Envelope env = Envelope.of(EventTypes.VERDICT_ISSUED, diff.jobId(), diff.envelope().iteration(), diff.eventId(), PRODUCER);
        String logUrl = log == null ? null : stripSlash(config.publicUrl()) + "/runs/" + diff.candidateId() + "/log";
        return new VerdictIssued(env, diff.candidateId(), diff.planId(), o.verdict(), o.reason(), o.gates(), o.failingTests(),
                o.testsRun(), o.testsFailed(), durationMs, diff.diff(), diff.pattern(), logUrl, excerpt(log), coverage);
    }

    private String excerpt(String log) {
        if (log == null) {
            return null;
        }
        int max = config.limits().excerptBytes();
        if (log.length() <= max) {
            return log;
        }
        String tail = log.substring(log.length() - max);
        int nl = tail.indexOf('\n');
        return nl >= 0 && nl < tail.length() - 1 ? tail.substring(nl + 1) : tail;
    }

    private RunWatch watchFor(DiffProposed diff) {
        long[] next = {0};
        return () -> {
            long now = System.nanoTime();
            if (now < next[0]) {
                return Optional.empty();
            }
            next[0] = now + TimeUnit.SECONDS.toNanos(3);
            return concluded(diff.jobId()).map(s -> "the job " + s + " while this candidate ran");
        };
    }

    private Optional<String> concluded(UUID jobId) {
        return jobs.outcome(jobId).map(o -> switch (o) {
            case "CANCELLED" -> "was cancelled";
            case ConcludedJobRepository.PLAUSIBLE -> "already has a plausible patch";
            default -> "has concluded (" + o + ")";
        });
    }

    private void beat() {
        if (active.isEmpty()) {
            return;
        }
        try {
            List<UUID> ids = List.copyOf(active);
            QuarkusTransaction.requiringNew().run(() -> runs.heartbeat(ids, worker));
        } catch (RuntimeException e) {
            Log.warnf("heartbeat failed: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        heartbeat.shutdownNow();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
