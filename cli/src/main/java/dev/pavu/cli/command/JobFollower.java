package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.client.PlannerException;
import dev.pavu.cli.client.PlannerOutage;
import dev.pavu.cli.output.EventLines;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import dev.pavu.cli.output.SubmitResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Follows a job to its end by polling the planner ({@code GET /jobs/{id}/events} for progress, then
 * {@code GET /jobs/{id}} for the state) every poll interval (about 500 ms), printing one line per new event.
 * A planner that stops answering is retried for {@link PlannerOutage#GRACE} before giving up.
 */
final class JobFollower {

    /** How long to wait, once the job concluded, for its conclusion event to reach the timeline. */
    static final Duration DRAIN = Duration.ofSeconds(3);

    private final PlannerClient planner;
    private final CliContext ctx;
    private final EventLines lines;
    private final Set<String> seen;
    private long lastSeq;
    private JsonNode conclusion;
    private int verdicts;

    JobFollower(PlannerClient planner, CliContext ctx) {
        this(planner, ctx, new HashSet<>());
    }

    /**
     * @param planner the planner
     * @param ctx     streams and poll interval
     * @param seen    keys (event id or seq) of events already printed; they are not printed again
     */
    JobFollower(PlannerClient planner, CliContext ctx, Set<String> seen) {
        this.planner = planner;
        this.ctx = ctx;
        this.lines = new EventLines(ctx.zone());
        this.seen = seen;
    }

    /**
     * @param event an event item
     * @return the key it is de-duplicated by: its event id, else its seq
     */
    static String key(JsonNode event) {
        return Json.text(event, "eventId", "payload.envelope.eventId", "seq");
    }

    /**
     * @param id       job id
     * @param progress receives the timeline lines
     * @param timeout  give up waiting after this long (the job keeps running)
     * @return the job's result; {@code outcome} is {@code null} when waiting timed out
     * @throws CliException when the planner stays unreachable, or does not know the job
     */
    SubmitResult follow(String id, PrintStream progress, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        PlannerOutage outage = new PlannerOutage();
        JsonNode view = null;
        while (true) {
            try {
                printNew(id, progress);
                view = planner.job(id);
                outage.answered();
                if (JobViews.outcome(view) != null) {
                    drain(id, progress);
                    return result(id, view, System.nanoTime() - start);
                }
            } catch (CliException e) {
                outage.failed(e, progress);
            }
            if (System.nanoTime() > deadline) {
                String state = view == null ? "running" : String.valueOf(JobViews.state(view));
                return new SubmitResult(id, null, "gave up waiting after " + timeout.toSeconds() + " s; the job is still "
                        + state + ": follow it with `pavu watch " + id + "`", null,
                        view == null ? verdicts : orElse(JobViews.candidatesTried(view), verdicts),
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            PlannerOutage.pause(ctx.pollInterval());
        }
    }

    /**
     * After the planner concluded the job, reads the timeline until its conclusion event arrived (the audit log
     * may lag the planner by a moment), for at most {@link #DRAIN}.
     */
    private void drain(String id, PrintStream progress) {
        long until = System.nanoTime() + DRAIN.toNanos();
        printNew(id, progress);
        while (conclusion == null && System.nanoTime() < until) {
            PlannerOutage.pause(ctx.pollInterval());
            printNew(id, progress);
        }
    }

    private void printNew(String id, PrintStream progress) {
        JsonNode events;
        try {
            events = planner.events(id, lastSeq);
        } catch (PlannerException e) {
            return; // the timeline is best effort (e.g. 503 while the audit log is unreachable); the job view decides
        } catch (CliException e) {
            if (e.exitCode() == CliException.USAGE) {
                throw e; // unreachable: handled by the caller's grace period
            }
            return;
        }
        for (JsonNode e : events) {
            String key = key(e);
            if (key != null && !seen.add(key)) {
                continue;
            }
            Long seq = Json.number(e, "seq");
            if (seq != null) {
                lastSeq = Math.max(lastSeq, seq);
            }
            if (EventLines.isConclusion(e)) {
                conclusion = e.has("payload") ? e.get("payload") : e;
            }
            if ("verdict".equals(EventLines.kind(Json.text(e, "type"))) && Json.text(e, "payload.diff") != null
                    && !"SKIPPED".equals(Json.text(e, "payload.verdict"))) {
                verdicts++;
            }
            progress.println(lines.line(e));
        }
    }

    private SubmitResult result(String id, JsonNode view, long elapsedNanos) {
        String outcome = JobViews.outcome(view);
        String reason = Json.text(view, "reason");
        if (reason == null && conclusion != null) {
            reason = Json.text(conclusion, "reason");
        }
        String patch = null;
        if ("SUCCEEDED".equals(outcome)) {
            patch = Json.text(view, "patch");
            if (patch == null) {
                patch = planner.patch(id).orElse(conclusion == null ? null : Json.text(conclusion, "patch"));
            }
        }
        Long tried = JobViews.candidatesTried(view);
        if (tried == null && conclusion != null) {
            tried = Json.number(conclusion, "candidatesTried");
        }
        Long ms = JobViews.durationMs(view);
        if (ms == null && conclusion != null) {
            ms = Json.number(conclusion, "durationMs");
        }
        return new SubmitResult(id, outcome, reason, patch, orElse(tried, verdicts),
                ms == null ? Duration.ofNanos(elapsedNanos).toMillis() : ms);
    }

    private static long orElse(Long v, long fallback) {
        return v == null ? fallback : v;
    }
}
