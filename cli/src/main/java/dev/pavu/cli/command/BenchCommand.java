package dev.pavu.cli.command;

import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.bench.BenchComparison;
import dev.pavu.cli.bench.BenchProgram;
import dev.pavu.cli.bench.BenchRow;
import dev.pavu.cli.bench.BenchRunner;
import dev.pavu.cli.bench.BenchSample;
import dev.pavu.cli.bench.BenchTable;
import dev.pavu.cli.bench.SourceRevision;
import dev.pavu.cli.client.BudgetRequest;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pavu bench DIR}: runs every program of a bug benchmark (each subfolder of {@code DIR} with a
 * {@code bug.json}, e.g. {@code bench/bugs}) through the planner, {@code --parallel} jobs at once, waits for each,
 * and prints the table: program, defect class, outcome, candidates tried, time to the first plausible patch,
 * whether the patch equals the reference fix, its pattern, the job. The table is saved as Markdown to
 * {@code DIR/results/<UTC time>.md} (or {@code --results}) and the raw rows as JSON next to it ({@code .json}), both
 * naming the commit of Pavu's checkout that ran ({@link SourceRevision}). {@code --sample N} runs a stable, evenly
 * spread sample ({@link BenchSample}); {@code --compare FILE} adds which programs were fixed or lost against an
 * earlier run's JSON ({@link BenchComparison}).
 *
 * <p>stdout holds the table only, its last line {@code fixed: <plausible>/<total> plausible, <n> equal to the
 * reference}; progress and the saved paths go to stderr. Exit code 0 when every program's job concluded (whatever
 * its outcome), 1 when some could not be submitted or followed to its end, 2 for usage errors and an unreachable
 * planner.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a bug benchmark (e.g. bench/bugs) through Pavu and print the table of results.",
                "Each program is uploaded without its bug.json and reference.diff; a plausible patch is compared with "
                        + "reference.diff by applying both to fresh copies of the program.",
                "The table is saved to DIR/results/<UTC time>.md, its raw rows to the .json beside it."})
public class BenchCommand implements Callable<Integer> {

    /** File name stamp of a run's results (UTC). */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    PavuCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the benchmark folder: one program per subfolder with a bug.json")
    Path dir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2", description = "jobs in flight at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--timeout-per-candidate", paramLabel = "SEC", defaultValue = "20",
            description = "wall-clock limit of one candidate's verification, seconds (default: ${DEFAULT-VALUE})")
    long timeoutPerCandidate;

    @Option(names = "--max-candidates", paramLabel = "N", description = "candidate patches per program at most (default: the planner's)")
    Integer maxCandidates;

    @Option(names = "--max-iterations", paramLabel = "N", description = "repair iterations per program at most (default: the planner's)")
    Integer maxIterations;

    @Option(names = "--job-timeout", paramLabel = "SEC", description = "wall-clock limit of each job, seconds (default: the planner's)")
    Long jobTimeout;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "run only these programs (comma-separated)")
    List<String> only;

    @Option(names = "--sample", paramLabel = "N", description = "run only N programs, evenly spread over the name-sorted "
            + "corpus (the same N always picks the same programs)")
    Integer sample;

    @Option(names = "--results", paramLabel = "DIR", description = "where to save the results (default: DIR/results)")
    Path resultsDir;

    @Option(names = "--compare", paramLabel = "FILE", description = "an earlier run's results JSON: list the programs "
            + "fixed and lost since")
    Path compare;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx();
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, was " + parallel);
        }
        positive(timeoutPerCandidate, "--timeout-per-candidate");
        if (maxCandidates != null) {
            positive(maxCandidates, "--max-candidates");
        }
        if (jobTimeout != null) {
            positive(jobTimeout, "--job-timeout");
        }
        if (maxIterations != null) {
            positive(maxIterations, "--max-iterations");
        }
        Path bench = ctx.workingDir().resolve(dir).toAbsolutePath().normalize();
        List<BenchProgram> programs = BenchProgram.discover(bench, only == null ? List.of() : only);
        if (sample != null) {
            positive(sample, "--sample");
            programs = BenchSample.of(programs, sample);
        }
        Path previous = compare == null ? null : ctx.workingDir().resolve(compare).toAbsolutePath().normalize();
        if (previous != null && !Files.isRegularFile(previous)) {
            throw CliException.usage("--compare: " + previous + " is not a file; give a results JSON an earlier pavu bench saved");
        }
        String commit = commit(ctx);
        PlannerClient planner = root.planner();
        planner.jobs(); // fail fast, with the usual hint, when the planner is not there

        BudgetRequest budget = new BudgetRequest(maxIterations, maxCandidates, Math.multiplyExact(timeoutPerCandidate, 1000L),
                jobTimeout == null ? null : Math.multiplyExact(jobTimeout, 1000L));
        String settings = "Pavu " + commit + "; planner " + planner.baseUrl() + "; " + parallel + " at a time; " + timeoutPerCandidate
                + " s per candidate" + (maxCandidates == null ? "" : "; at most " + maxCandidates + " candidates")
                + (maxIterations == null ? "" : "; at most " + maxIterations + " iterations")
                + (jobTimeout == null ? "" : "; " + jobTimeout + " s per job") + ".";
        Instant started = Instant.now();
        ctx.err().println("bench: " + programs.size() + (programs.size() == 1 ? " program" : " programs") + " from "
                + bench + "; " + settings);
        List<BenchRow> rows = new BenchRunner(planner, new BenchRunner.Settings(parallel, SubmitCommand.DEFAULT_TASK, budget,
                ctx.pollInterval())).run(programs, ctx.err());
        Instant finished = Instant.now();

        String title = "Pavu bench: " + bench.getFileName() + ", " + started.truncatedTo(ChronoUnit.SECONDS);
        String md = BenchTable.markdown(title, settings, rows);
        BenchComparison comparison = previous == null ? null : BenchComparison.of(rows, previous);
        if (comparison != null) {
            md = md + comparison.markdown() + "\n" + BenchTable.summary(rows) + "\n";
        }
        Path results = resultsDir == null ? bench.resolve("results") : ctx.workingDir().resolve(resultsDir).toAbsolutePath().normalize();
        save(ctx, results, bench, started, finished, planner.baseUrl(), commit, md, rows, comparison);
        if (comparison != null) {
            ctx.err().println("bench: " + comparison.line());
        }
        ctx.out().print(md);
        ctx.out().flush();
        return rows.stream().allMatch(BenchRow::concluded) ? CliException.OK : CliException.NOT_SUCCEEDED;
    }

    private void save(CliContext ctx, Path results, Path bench, Instant started, Instant finished, String plannerUrl,
                      String commit, String md, List<BenchRow> rows, BenchComparison comparison) {
        try {
            Files.createDirectories(results);
            String stamp = STAMP.format(started);
            Path mdFile = results.resolve(stamp + ".md");
            for (int n = 2; Files.exists(mdFile); n++) {
                stamp = STAMP.format(started) + "-" + n;
                mdFile = results.resolve(stamp + ".md");
            }
            Path jsonFile = results.resolve(stamp + ".json");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("startedAt", started.toString());
            json.put("finishedAt", finished.toString());
            json.put("dir", bench.toString());
            json.put("commit", commit);
            json.put("planner", plannerUrl);
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("parallel", parallel);
            options.put("timeoutPerCandidateSec", timeoutPerCandidate);
            options.put("maxCandidates", maxCandidates);
            options.put("maxIterations", maxIterations);
            options.put("jobTimeoutSec", jobTimeout);
            options.put("only", only);
            options.put("sample", sample);
            json.put("options", options);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total", rows.size());
            summary.put("plausible", rows.stream().filter(BenchRow::plausible).count());
            summary.put("equalToReference", rows.stream().filter(r -> r.plausible() && Boolean.TRUE.equals(r.equalsReference())).count());
            summary.put("line", BenchTable.summary(rows));
            json.put("summary", summary);
            if (comparison != null) {
                Map<String, Object> cmp = new LinkedHashMap<>();
                cmp.put("previous", comparison.previous().toString());
                cmp.put("fixed", comparison.fixed());
                cmp.put("lost", comparison.lost());
                cmp.put("nowEqual", comparison.nowEqual());
                cmp.put("noLongerEqual", comparison.noLongerEqual());
                json.put("comparison", cmp);
            }
            json.put("rows", rows);
            Files.writeString(mdFile, md, StandardCharsets.UTF_8);
            Files.writeString(jsonFile, Json.pretty(json) + "\n", StandardCharsets.UTF_8);
            ctx.err().println("bench: saved " + mdFile + " and " + jsonFile);
        } catch (IOException e) {
            ctx.err().println("bench: could not save the results under " + results + ": " + e.getMessage());
        }
    }

    /** @return the commit of the Pavu checkout running this ({@link SourceRevision}), or {@code unknown} */
    private static String commit(CliContext ctx) {
        try {
            return SourceRevision.of(ctx.repoRoot());
        } catch (CliException notInACheckout) {
            return "unknown";
        }
    }

    private void positive(long value, String option) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
        }
    }
}
