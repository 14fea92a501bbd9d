package dev.pavu.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.BudgetRequest;
import dev.pavu.cli.client.JobSubmission;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.client.PlannerOutage;
import dev.pavu.cli.client.SubmitRequest;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import dev.pavu.contracts.Budget;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the programs of a bug benchmark through the planner, {@code parallel} jobs in flight at once: each program
 * is copied without its {@code bug.json} and {@code reference.diff} (the repair must not see the answer),
 * snapshotted and uploaded as {@code pavu submit --repo} does, followed by polling {@code GET /jobs/{id}} until
 * it concludes, then its patch is compared with the reference fix ({@link ReferenceComparison}) and the fix
 * pattern read from the job's events (the PASS verdict's {@code pattern}).
 *
 * <p>A program that cannot be submitted or followed becomes an {@link BenchRow#ERROR} row; a job still running
 * past its own time limit plus {@link #WAIT_SLACK} is cancelled and becomes {@link BenchRow#UNFINISHED}. One
 * program's trouble never stops the others.
 */
public final class BenchRunner {

    /** Waiting for a job lasts its time limit plus this. */
    static final Duration WAIT_SLACK = Duration.ofMinutes(2);

    /**
     * @param parallel     jobs in flight at once (≥ 1)
     * @param task         the task text of every job
     * @param budget       the limits sent with every job (unset ones: the planner's defaults)
     * @param pollInterval how often a job is polled
     */
    public record Settings(int parallel, String task, BudgetRequest budget, Duration pollInterval) {
    }

    private final PlannerClient planner;
    private final Settings settings;

    /**
     * @param planner  the planner
     * @param settings how to run
     */
    public BenchRunner(PlannerClient planner, Settings settings) {
        this.planner = planner;
        this.settings = settings;
    }

    /**
     * @param programs the programs, in table order
     * @param progress receives one line when a program is submitted and one when it ends
     * @return one row per program, in the programs' order
     */
    public List<BenchRow> run(List<BenchProgram> programs, PrintStream progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.parallel()), r -> {
            Thread t = new Thread(r, "pavu-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BenchRow>> futures = new ArrayList<>();
            for (int i = 0; i < programs.size(); i++) {
                BenchProgram p = programs.get(i);
                String tag = String.format(Locale.ROOT, "[%" + String.valueOf(programs.size()).length() + "d/%d] %s",
                        i + 1, programs.size(), p.name());
                futures.add(pool.submit(() -> runOne(p, tag, progress)));
            }
            List<BenchRow> rows = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    rows.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    rows.add(BenchRow.unfinished(programs.get(i), null, BenchRow.ERROR, String.valueOf(e.getCause())));
                }
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private BenchRow runOne(BenchProgram p, String tag, PrintStream progress) {
        String jobId = null;
        try {
            JsonNode accepted = submit(p);
            jobId = JobViews.id(accepted);
            progress.println(tag + ": submitted as job " + jobId);
            JsonNode view = await(jobId, waitTimeout(accepted));
            BenchRow row;
            if (view == null) {
                cancelQuietly(jobId);
                row = BenchRow.unfinished(p, jobId, BenchRow.UNFINISHED, "still running after "
                        + waitTimeout(accepted).toSeconds() + " s; cancelled");
            } else {
                row = concluded(p, jobId, view);
            }
            progress.println(tag + ": " + describe(row));
            return row;
        } catch (CliException e) {
            BenchRow row = BenchRow.unfinished(p, jobId, BenchRow.ERROR, e.getMessage());
            progress.println(tag + ": " + describe(row));
            return row;
        } catch (RuntimeException e) {
            BenchRow row = BenchRow.unfinished(p, jobId, BenchRow.ERROR, "unexpected error: " + e);
            progress.println(tag + ": " + describe(row));
            return row;
        }
    }

    private JsonNode submit(BenchProgram p) {
        Path work = null;
        try {
            work = Files.createTempDirectory("pavu-bench-" + p.name() + "-");
            Path copy = ReferenceComparison.copy(p.dir(), work.resolve(p.name()), BenchProgram.BUG_JSON,
                    BenchProgram.REFERENCE_DIFF);
            SubmitRequest req = new SubmitRequest(copy.toString(), null, settings.task(), null, null, settings.budget());
            return new JobSubmission(planner, work).submit(req, new PrintStream(PrintStream.nullOutputStream()));
        } catch (IOException e) {
            throw CliException.failed("cannot copy " + p.dir() + " for its snapshot: " + e.getMessage());
        } finally {
            ReferenceComparison.delete(work);
        }
    }

    /** @return the concluded job's view, or {@code null} when it was still running at the deadline */
    private JsonNode await(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PlannerOutage outage = new PlannerOutage();
        while (true) {
            try {
                JsonNode view = planner.job(jobId);
                outage.answered();
                if (JobViews.outcome(view) != null) {
                    return view;
                }
            } catch (CliException e) {
                outage.failed(e, null);
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            PlannerOutage.pause(settings.pollInterval());
        }
    }

    private BenchRow concluded(BenchProgram p, String jobId, JsonNode view) {
        String outcome = JobViews.outcome(view);
        Long tried = JobViews.candidatesTried(view);
        Long ms = JobViews.durationMs(view);
        String patch = "SUCCEEDED".equals(outcome) ? planner.patch(jobId).orElse(null) : null;
        boolean plausible = patch != null && !patch.isBlank();
        Boolean equal = null;
        String pattern = null;
        String note = null;
        if ("SUCCEEDED".equals(outcome) && !plausible) {
            note = "the job found nothing to repair: the program's tests already pass";
        }
        if (plausible) {
            ReferenceComparison.Result cmp = ReferenceComparison.compare(p.dir(), patch);
            equal = cmp.equal();
            note = cmp.note();
            pattern = winningPattern(jobId);
        }
        return new BenchRow(p.name(), p.defectClass(), jobId, outcome, Json.text(view, "reason"), tried, ms,
                plausible ? ms : null, plausible, equal, pattern, plausible ? patch : null, note);
    }

    /** @return the pattern of the job's first PASS verdict with a non-empty diff, or {@code null} when unknown */
    private String winningPattern(String jobId) {
        JsonNode events;
        try {
            events = planner.events(jobId, 0);
        } catch (CliException e) {
            return null; // the audit log is best effort (e.g. 503 while the updater is down)
        }
        for (JsonNode e : events) {
            String type = Json.text(e, "type", "payload.envelope.type");
            if (type == null || !type.startsWith("pavu.verdict.issued")) {
                continue;
            }
            if ("PASS".equals(Json.text(e, "payload.verdict")) && Json.text(e, "payload.diff") != null) {
                return Json.text(e, "payload.pattern");
            }
        }
        return null;
    }

    private Duration waitTimeout(JsonNode accepted) {
        Long jobMs = Json.number(accepted, "budget.jobTimeoutMs");
        if (jobMs == null) {
            jobMs = settings.budget().jobTimeoutMs() != null ? settings.budget().jobTimeoutMs() : Budget.DEFAULT.jobTimeoutMs();
        }
        return Duration.ofMillis(jobMs).plus(WAIT_SLACK);
    }

    private void cancelQuietly(String jobId) {
        try {
            planner.cancel(jobId);
        } catch (CliException ignored) {
            // it may have concluded meanwhile
        }
    }

    /** @return the line printed when a program ends */
    static String describe(BenchRow r) {
        if (!r.concluded()) {
            return r.outcome() + ": " + r.note();
        }
        StringBuilder b = new StringBuilder(r.outcome());
        if (r.durationMs() != null) {
            b.append(" in ").append(BenchTable.duration(r.durationMs()));
        }
        if (r.candidatesTried() != null) {
            b.append(", ").append(r.candidatesTried()).append(r.candidatesTried() == 1 ? " candidate" : " candidates");
        }
        if (r.plausible()) {
            if (r.pattern() != null) {
                b.append(", ").append(r.pattern());
            }
            b.append(r.equalsReference() == null ? ", reference unknown"
                    : r.equalsReference() ? ", equal to the reference" : ", differs from the reference");
        } else if (r.reason() != null) {
            b.append(" — ").append(r.reason());
        }
        if (r.note() != null) {
            b.append(" (").append(r.note()).append(')');
        }
        return b.toString();
    }
}
