package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.BudgetRequest;
import dev.pavu.cli.client.JobSubmission;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.client.SubmitRequest;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import dev.pavu.cli.output.SubmitResult;
import dev.pavu.cli.client.GatesFile;
import dev.pavu.contracts.Budget;
import dev.pavu.contracts.TaskKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pavu submit --repo PATH|URL …}: submits a job; with {@code --wait} follows it to its end.
 *
 * <p>Output: without {@code --wait}, the job id on stdout (a JSON object {@code {jobId, state}} with
 * {@code --json}). With {@code --wait}, one timeline line per event, then the outcome, candidates tried, time
 * and patch; with {@code --wait --json} the timeline goes to stderr and stdout holds exactly one JSON object
 * {@code {jobId, outcome, reason, patch, candidatesTried, durationMs}}. Exit code 0 only when the job
 * SUCCEEDED (or, without {@code --wait}, was accepted), 1 otherwise, 2 for usage and connection errors.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit a job (a local folder or a git URL); --wait follows it to its end.",
                "A local folder is snapshotted into a git bundle and uploaded; your working tree is never modified.",
                "A git URL is cloned by the planner."})
public class SubmitCommand implements Callable<Integer> {

    /** Default task text. */
    static final String DEFAULT_TASK = "make the failing tests pass";

    @ParentCommand
    PavuCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "PATH|URL", description = "local project folder or git URL")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "branch, tag or commit of a git URL (default: its HEAD)")
    String ref;

    @Option(names = "--task", paramLabel = "TEXT", defaultValue = DEFAULT_TASK, description = "what to do (default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--test-command", paramLabel = "CMD", description = "command that runs the tests, run as sh -c in the verifier's sandbox on every candidate; JUnit XML reports are read, else the exit code decides (default: the detected toolchain's, e.g. mvn test)")
    String testCommand;

    @Option(names = "--error-log", paramLabel = "FILE", description = "an error log to fix (sent with the task)")
    Path errorLog;

    @Option(names = "--reproduce", paramLabel = "CMD", description = "FIX_LOG: command that makes the logged failure happen (e.g. 'java -cp target/classes com.acme.Main'), run as sh -c in the verifier's sandbox after the tests; a fix must pass the tests and no longer show the log's exception and top stack frames in its output")
    String reproduce;

    @Option(names = "--kind", paramLabel = "KIND", description = "REPAIR (make failing tests pass, the default), IMPLEMENT (write a missing function body) or FIX_LOG (fix the error in --error-log)")
    TaskKind kind;

    @Option(names = "--model", paramLabel = "ROLE=ALIAS", description = "use a model of the gateway for a role, e.g. proposer=coder (repeatable); without it only templates propose")
    Map<String, String> models = new LinkedHashMap<>();

    @Option(names = "--priority", paramLabel = "N", description = "0 (lowest) to 9 (highest), default 5: the verifier serves waiting candidates of higher-priority jobs first")
    Integer priority;

    @Option(names = "--gates", paramLabel = "FILE", description = "gate policy as JSON or YAML: linters, testsFirst, probe {startCommand, healthUrl, smokeCommand, timeoutMs}, allowTestEdits, allowBuildEdits")
    Path gates;

    @Option(names = "--max-candidates", paramLabel = "N", description = "candidate patches to verify at most (default: the planner's, 200)")
    Integer maxCandidates;

    @Option(names = "--max-iterations", paramLabel = "N", description = "repair iterations at most (default: the planner's, 3)")
    Integer maxIterations;

    @Option(names = "--timeout-per-candidate", paramLabel = "SEC", description = "wall-clock limit of one candidate's verification, seconds (default: the planner's, 60)")
    Long timeoutPerCandidate;

    @Option(names = "--job-timeout", paramLabel = "SEC", description = "wall-clock limit of the whole job, seconds (default: the planner's, 1800)")
    Long jobTimeout;

    @Option(names = "--result-branch", paramLabel = "NAME", description = "git URL jobs: once the job succeeded, the planner pushes the fix back to --repo as this new branch (under pavu/, e.g. pavu/NAME), a commit naming the job, the pattern or model and the tests that now pass; needs --push-credential")
    String resultBranch;

    @Option(names = "--push-credential", paramLabel = "NAME", description = "the push credential the operator configured for your team (pavu.git.credentials) that --result-branch is pushed with")
    String pushCredential;

    @Option(names = "--wait", description = "follow the job until it ends; exit 0 only if it SUCCEEDED")
    boolean waitForEnd;

    @Option(names = "--json", description = "machine-readable output on stdout (progress goes to stderr)")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx();
        String log = readErrorLog(ctx);
        if (kind == TaskKind.FIX_LOG && log == null) {
            throw CliException.usage("--kind FIX_LOG needs --error-log FILE: the log whose error the job should fix");
        }
        if (blankToNull(reproduce) != null && kind != TaskKind.FIX_LOG) {
            throw CliException.usage("--reproduce is for --kind FIX_LOG: it checks that the failure in --error-log is gone");
        }
        if (priority != null && (priority < 0 || priority > 9)) {
            throw CliException.usage("--priority must be a whole number from 0 (lowest) to 9 (highest), was " + priority);
        }
        SubmitRequest req = new SubmitRequest(repo, blankToNull(ref), task, blankToNull(testCommand), log, budget(),
                kind == null ? null : kind.name(), models, GatesFile.read(ctx.workingDir(), gates), priority, blankToNull(reproduce),
                blankToNull(resultBranch), blankToNull(pushCredential));
        PlannerClient planner = root.planner();
        PrintStream progress = json ? ctx.err() : waitForEnd ? ctx.out() : ctx.err();
        JsonNode accepted = new JobSubmission(planner, ctx.workingDir()).submit(req, progress);
        String id = JobViews.id(accepted);
        if (!waitForEnd) {
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("jobId", id);
                out.put("state", JobViews.state(accepted));
                ctx.out().println(Json.write(out));
            } else {
                ctx.out().println(id);
                ctx.err().println("submitted job " + id + "; follow it with: pavu watch " + id);
            }
            return CliException.OK;
        }
        progress.println("job " + id + " submitted; following it (Ctrl-C stops following, not the job)");
        SubmitResult result = new JobFollower(planner, ctx).follow(id, progress, waitTimeout(accepted, req.budget()));
        if (req.resultBranch() != null && result.outcome() != null) {
            result = result.withResultBranch(awaitResultBranch(planner, id, progress, RESULT_BRANCH_WAIT));
        }
        return report(result, ctx, json);
    }

    /** How long {@code --wait} waits for a concluded job's result branch to be pushed (the planner retries for longer). */
    static final Duration RESULT_BRANCH_WAIT = Duration.ofMinutes(3);

    /**
     * Waits until the planner has pushed (or failed or skipped) a concluded job's result branch.
     *
     * @param planner  the planner
     * @param id       the concluded job
     * @param progress receives one line when waiting starts
     * @param limit    how long to wait
     * @return the last {@code resultBranch} view seen (still {@code REQUESTED} when the limit passed)
     */
    static JsonNode awaitResultBranch(PlannerClient planner, String id, PrintStream progress, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        JsonNode branch = planner.job(id).path("resultBranch");
        if ("REQUESTED".equals(branch.path("state").asText())) {
            progress.println("waiting for the planner to push result branch " + branch.path("name").asText() + " …");
        }
        while ("REQUESTED".equals(branch.path("state").asText()) && System.nanoTime() < end) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            branch = planner.job(id).path("resultBranch");
        }
        return branch.isMissingNode() ? null : branch;
    }

    /**
     * Prints a finished job's result and gives the exit code.
     *
     * @param result the result
     * @param ctx    the streams
     * @param json   true: one JSON object on stdout
     * @return 0 when it SUCCEEDED, else 1
     */
    static int report(SubmitResult result, CliContext ctx, boolean json) {
        if (json) {
            ctx.out().println(Json.write(result));
        } else {
            ResultPrinter.print(result, ctx.out());
        }
        ctx.out().flush();
        return result.succeeded() ? CliException.OK : CliException.NOT_SUCCEEDED;
    }

    /**
     * @param accepted the planner's view of the accepted job (its {@code budget.jobTimeoutMs} is the job's limit)
     * @param asked    the limits the user set
     * @return how long {@code --wait} waits: the job's own time limit plus two minutes of slack
     */
    static Duration waitTimeout(JsonNode accepted, BudgetRequest asked) {
        Long jobMs = Json.number(accepted, "budget.jobTimeoutMs");
        if (jobMs == null) {
            jobMs = asked.jobTimeoutMs() != null ? asked.jobTimeoutMs() : Budget.DEFAULT.jobTimeoutMs();
        }
        return Duration.ofMillis(jobMs).plusMinutes(2);
    }

    private BudgetRequest budget() {
        return new BudgetRequest(
                maxIterations == null ? null : positive(maxIterations, "--max-iterations"),
                maxCandidates == null ? null : positive(maxCandidates, "--max-candidates"),
                timeoutPerCandidate == null ? null : Math.multiplyExact(positive(timeoutPerCandidate, "--timeout-per-candidate"), 1000L),
                jobTimeout == null ? null : Math.multiplyExact(positive(jobTimeout, "--job-timeout"), 1000L));
    }

    private int positive(int value, String option) {
        return (int) positive((long) value, option);
    }

    private long positive(long value, String option) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
        }
        return value;
    }

    private String readErrorLog(CliContext ctx) {
        if (errorLog == null) {
            return null;
        }
        Path p = ctx.workingDir().resolve(errorLog);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--error-log " + errorLog + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
