package dev.pavu.planner.service;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The planner's decisions as pure functions: given what is known about a job and what just happened,
 * what comes next. No I/O here; {@link JobService} reads the state, asks, and carries the step out.
 */
public final class JobDecisions {

    private JobDecisions() {
    }

    /** What to do next. */
    public sealed interface Step permits Conclude, Localise, Repair, Wait {
    }

    /**
     * End the job.
     *
     * @param outcome how it ended
     * @param reason  one sentence a person can act on
     * @param patch   the plausible patch for SUCCEEDED (may be empty), else {@code null}
     * @param winner  the winning candidate, or {@code null}
     */
    public record Conclude(Outcome outcome, String reason, String patch, UUID winner) implements Step {
    }

    /**
     * The baseline failed with failing tests (or, for a {@code FIX_LOG} job, its logged failure reproduced): localise the
     * fault, then plan iteration 1.
     */
    public record Localise() implements Step {
    }

    /**
     * Propose a repair plan.
     *
     * @param iteration     the new iteration (≥ 1)
     * @param locationFrom  index of its first location in the job's ranking
     * @param locationCount how many locations it gets
     * @param maxCandidates candidates it may ask for
     */
    public record Repair(int iteration, int locationFrom, int locationCount, int maxCandidates) implements Step {
    }

    /** Nothing to do until more events arrive. */
    public record Wait() implements Step {
    }

    /**
     * What the planner knows about a job's progress.
     *
     * @param maxIterations       budget: repair iterations
     * @param maxCandidates       budget: candidates over all iterations
     * @param iteration           current iteration (0 = baseline)
     * @param candidatesProposed  repair candidates the actuator announced so far
     * @param candidatesTried     repair candidates verified so far (SKIPPED excluded)
     * @param locationsTried      ranking entries handed out so far, over all passes (a second pass over the
     *                            ranking counts its entries again)
     * @param rankingSize         length of the job's ranking
     * @param locationsPerIteration  locations per plan (setting)
     * @param maxPerIteration     candidates per plan at most (setting)
     * @param lastPlanFull        the current iteration's plan got as many candidates as it allowed, so its locations
     *                            may hold more that the actuator did not reach
     * @param newPartialFixes     partial fixes were found that no plan has carried yet: another pass over the ranking
     *                            can combine them with a second edit (two-location patches)
     */
    public record Progress(int maxIterations, int maxCandidates, int iteration, int candidatesProposed,
                           int candidatesTried, int locationsTried, int rankingSize, int locationsPerIteration,
                           int maxPerIteration, boolean lastPlanFull, boolean newPartialFixes) {

        /** Progress of a job with no partial fix waiting to be combined. */
        public Progress(int maxIterations, int maxCandidates, int iteration, int candidatesProposed, int candidatesTried,
                        int locationsTried, int rankingSize, int locationsPerIteration, int maxPerIteration,
                        boolean lastPlanFull) {
            this(maxIterations, maxCandidates, iteration, candidatesProposed, candidatesTried, locationsTried, rankingSize,
                    locationsPerIteration, maxPerIteration, lastPlanFull, false);
        }

        /** Progress of a job whose last plan was not full (or that has none yet). */
        public Progress(int maxIterations, int maxCandidates, int iteration, int candidatesProposed, int candidatesTried,
                        int locationsTried, int rankingSize, int locationsPerIteration, int maxPerIteration) {
            this(maxIterations, maxCandidates, iteration, candidatesProposed, candidatesTried, locationsTried, rankingSize,
                    locationsPerIteration, maxPerIteration, false);
        }

        /** @return distinct ranking entries handed out so far (at most the ranking's length) */
        public int locationsCovered() {
            return Math.min(locationsTried, rankingSize);
        }

        /** @return candidates still allowed by the budget */
        public int remainingCandidates() {
            return Math.max(0, maxCandidates - Math.max(candidatesProposed, candidatesTried));
        }
    }

    /**
     * Decides on the verdict of the empty patch.
     *
     * @param v      the baseline verdict
     * @param commit the resolved commit, for the reason text
     * @param candidateTimeoutMs the per-candidate limit, for the reason text
     * @return {@link Conclude} (all pass, does not build, error, a timeout that names no test) or {@link Localise}
     *         (failing tests, or a timeout in named tests: a bug that makes a test loop forever is repaired like any other)
     */
    public static Step onBaseline(VerdictIssued v, String commit, long candidateTimeoutMs) {
        return onBaseline(v, commit, candidateTimeoutMs, null);
    }

    /**
     * The reproduce check of a job's plans ({@code VerifySpec.reproduce}).
     *
     * @param task the job's task
     * @return the check for a {@code FIX_LOG} job with a reproduce command and an error log holding a Java stack trace
     *         (the planner refuses a job with a command and no such log), else {@code null}
     */
    public static ReproduceSpec reproduce(TaskSpec task) {
        if (task == null || task.kind() != TaskKind.FIX_LOG || task.reproduceCommand() == null || task.reproduceCommand().isBlank()) {
            return null;
        }
        return LoggedFailure.of(task.errorLog()).map(f -> new ReproduceSpec(task.reproduceCommand(), f)).orElse(null);
    }

    /**
     * Decides on the verdict of the empty patch, knowing the job's task. A {@code FIX_LOG} job is about its logged
     * failure, not only its tests: with a reproduce command, a baseline whose tests pass but whose failure still
     * reproduces (gate {@code reproduce} FAIL) is localised from the log's stack frames and repaired; without one, a
     * baseline whose tests pass cannot tell whether the failure is gone, and the job concludes FAILED saying to give
     * {@code reproduceCommand}.
     *
     * @param v      the baseline verdict
     * @param commit the resolved commit, for the reason text
     * @param candidateTimeoutMs the per-candidate limit, for the reason text
     * @param task   the job's task, or {@code null} (treated as REPAIR)
     * @return {@link Conclude} or {@link Localise}
     */
    public static Step onBaseline(VerdictIssued v, String commit, long candidateTimeoutMs, TaskSpec task) {
        if (task != null && task.kind() == TaskKind.FIX_LOG) {
            Step fixLog = onFixLogBaseline(v, commit, task);
            if (fixLog != null) {
                return fixLog;
            }
        }
        String at = commit == null ? "" : " at " + commit;
        String why = v.reason() == null || v.reason().isBlank() ? "no reason given" : v.reason();
        return switch (v.verdict()) {
            case PASS -> new Conclude(Outcome.SUCCEEDED,
                    "nothing to repair: all " + v.testsRun() + " tests already pass" + at, "", null);
            // a baseline that hangs in named tests (e.g. an infinite loop the bug causes) is a repair task
            case TIMEOUT -> !v.failingTests().isEmpty() ? new Localise() : new Conclude(Outcome.FAILED,
                    "the test suite did not finish within " + candidateTimeoutMs + " ms" + at + " (" + why
                            + "); raise budget.candidateTimeoutMs or give a testCommand that runs fewer tests", null, null);
            case ERROR -> new Conclude(Outcome.FAILED,
                    "the verifier could not run the project's tests" + at + ": " + why, null, null);
            case SKIPPED -> new Conclude(Outcome.FAILED,
                    "the verifier skipped the baseline run" + at + ": " + why + "; submit the job again", null, null);
            case FAIL -> {
                GateResult staticGate = v.gates().stream().filter(g -> "static".equalsIgnoreCase(g.gate()))
                        .findFirst().orElse(null);
                if (staticGate != null && staticGate.status() != Verdict.PASS) {
                    String detail = staticGate.detail() == null || staticGate.detail().isBlank() ? why : staticGate.detail();
                    yield new Conclude(Outcome.FAILED, "the project does not build" + at + ": " + detail
                            + "; Pavu repairs failing tests of a project that compiles — fix the build first", null, null);
                }
                if (v.failingTests().isEmpty()) {
                    yield new Conclude(Outcome.FAILED, "the tests failed" + at + " but the verifier named no failing test: "
                            + why, null, null);
                }
                yield new Localise();
            }
        };
    }

    /** @return the FIX_LOG-specific step, or {@code null} when the REPAIR rules apply (tests failed, build broke, …) */
    private static Step onFixLogBaseline(VerdictIssued v, String commit, TaskSpec task) {
        String at = commit == null ? "" : " at " + commit;
        ReproduceSpec reproduce = reproduce(task);
        GateResult gate = v.gates().stream().filter(g -> "reproduce".equalsIgnoreCase(g.gate())).findFirst().orElse(null);
        if (v.verdict() == Verdict.PASS && reproduce == null) {
            String failure = LoggedFailure.of(task.errorLog()).map(f -> " (" + f.describe() + ")").orElse("");
            return new Conclude(Outcome.FAILED, "all " + v.testsRun() + " tests pass" + at + ", so they cannot show whether"
                    + " the logged failure" + failure + " is fixed: submit the job again with a reproduce command, a shell"
                    + " command that makes the failure happen on this code (reproduceCommand in the request, pavu submit"
                    + " --reproduce CMD; e.g. 'java -cp target/classes com.acme.Main'), or with a test that fails the same way",
                    null, null);
        }
        if (v.verdict() == Verdict.PASS) {
            return new Conclude(Outcome.SUCCEEDED, "nothing to repair: all " + v.testsRun() + " tests pass" + at
                    + " and the logged failure " + reproduce.failure().describe() + " does not reproduce under '"
                    + reproduce.command() + "' (if it should, check that the command makes it happen on this commit)", "", null);
        }
        if (gate == null) {
            return null;
        }
        if (gate.status() == Verdict.FAIL) {
            return new Localise();
        }
        return new Conclude(Outcome.FAILED, "the reproduce command '" + (reproduce == null ? "?" : reproduce.command())
                + "' could not be judged" + at + " (" + gate.status() + ": " + gate.detail() + "); fix the command or raise"
                + " budget.candidateTimeoutMs", null, null);
    }

    /**
     * Decides the next plan after an iteration ended without a plausible patch (or after localisation,
     * with {@code p.iteration() == 0}).
     *
     * @param p the job's progress
     * @return {@link Repair}, or {@link Conclude} EXHAUSTED (FAILED when localisation found nothing at all)
     */
    public static Step next(Progress p) {
        if (p.iteration() == 0 && p.rankingSize() == 0) {
            return new Conclude(Outcome.FAILED, "fault localisation found no suspicious statement in the project's main"
                    + " code (src/main/java) for the failing tests or the error log's stack trace; nothing to repair", null, null);
        }
        String stop;
        if (p.iteration() >= p.maxIterations()) {
            stop = "iteration budget of " + p.maxIterations() + " spent";
        } else if (p.remainingCandidates() <= 0) {
            stop = "candidate budget of " + p.maxCandidates() + " spent";
        } else if (p.locationsTried() % p.rankingSize() == 0 && p.locationsTried() > 0 && !p.lastPlanFull()
                && !p.newPartialFixes()) {
            // a pass over the ranking ended and its last plan did not even fill up: the templates have nothing more
            // there (unless partial fixes appeared since the last plan: the next pass combines them with second edits)
            stop = "no further suspicious locations";
        } else {
            // within a pass: the next locations; after a pass whose last plan was full: the ranking again, since the
            // actuator skips every diff already tried (triedPatchHashes) and so reaches the candidates it cut off
            int from = p.locationsTried() % p.rankingSize();
            int count = Math.min(p.locationsPerIteration(), p.rankingSize() - from);
            int max = Math.min(p.maxPerIteration(), p.remainingCandidates());
            return new Repair(p.iteration() + 1, from, count, max);
        }
        return new Conclude(Outcome.EXHAUSTED, exhaustedReason(p) + " (" + stop + ")", null, null);
    }

    /**
     * Decides on a repair candidate's verdict.
     *
     * @param v              the verdict (already counted into {@code planVerdicts})
     * @param planIsCurrent  whether the verdict's plan is the job's current iteration
     * @param planCandidates the plan's announced candidate count, or {@code null} when not yet known
     * @param planVerdicts   verdicts received for the plan, this one included
     * @param p              the job's progress, this verdict included
     * @return {@link #next} when the current plan is complete, else {@link Wait}
     * @throws IllegalArgumentException for a PASS verdict: the job's plausible patches are ranked and concluded by
     *                                  {@code dev.pavu.planner.job.Plausibles}
     */
    public static Step onRepairVerdict(VerdictIssued v, boolean planIsCurrent, Integer planCandidates, int planVerdicts,
                                       Progress p) {
        if (v.verdict() == Verdict.PASS) {
            throw new IllegalArgumentException("a PASS verdict is decided by the plausible-patch ranking "
                    + "(dev.pavu.planner.job.Plausibles), not here");
        }
        return planIsCurrent ? whenComplete(planCandidates, planVerdicts, p) : new Wait();
    }

    /**
     * Decides after the actuator announced how many candidates a plan has.
     *
     * @param planIsCurrent  whether the plan is the job's current iteration
     * @param planCandidates the announced count
     * @param planVerdicts   verdicts already received for it
     * @param p              progress
     * @return {@link #next} when the plan is complete, else {@link Wait}
     */
    public static Step onCandidatesProposed(boolean planIsCurrent, int planCandidates, int planVerdicts, Progress p) {
        return planIsCurrent ? whenComplete(planCandidates, planVerdicts, p) : new Wait();
    }

    private static Step whenComplete(Integer planCandidates, int planVerdicts, Progress p) {
        if (planCandidates != null && planVerdicts >= planCandidates) {
            return next(p);
        }
        return new Wait();
    }

    /**
     * @param submittedAt  when the job was submitted
     * @param jobTimeoutMs the job's limit
     * @param now          the time now
     * @return true when the job has run past its limit
     */
    public static boolean timedOut(Instant submittedAt, long jobTimeoutMs, Instant now) {
        return Duration.between(submittedAt, now).toMillis() > jobTimeoutMs;
    }

    /**
     * @param p            progress
     * @param jobTimeoutMs the limit that was hit
     * @return the conclusion of a job past its time limit
     */
    public static Conclude onTimeout(Progress p, long jobTimeoutMs) {
        return new Conclude(Outcome.EXHAUSTED, "the job ran out of time (jobTimeoutMs=" + jobTimeoutMs + "): "
                + exhaustedReason(p), null, null);
    }

    /**
     * @param p progress
     * @return "tried N candidates at M locations in K iterations; none made all tests pass"
     */
    public static String exhaustedReason(Progress p) {
        return "tried " + p.candidatesTried() + " candidate" + (p.candidatesTried() == 1 ? "" : "s") + " at "
                + p.locationsCovered() + " location" + (p.locationsCovered() == 1 ? "" : "s") + " in " + p.iteration()
                + " iteration" + (p.iteration() == 1 ? "" : "s") + "; none made all tests pass";
    }
}
