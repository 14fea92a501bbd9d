package dev.pavu.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.client.PlannerOutage;
import dev.pavu.cli.output.EventLines;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import dev.pavu.cli.output.SubmitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code pavu watch ID}: the job's live timeline from the planner's SSE stream ({@code GET /jobs/{id}/events},
 * {@code Accept: text/event-stream}), one line per event: time, iteration, kind and a short summary (for
 * verdicts the verdict, pattern and reason). Reconnects (with {@code Last-Event-ID}) when the stream drops;
 * falls back to polling when the planner does not stream. Ends when the job concludes: exit 0 when it
 * SUCCEEDED, 1 otherwise.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a job's timeline live until it ends.")
public class WatchCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx();
        PlannerClient planner = root.planner();
        EventLines lines = new EventLines(ctx.zone());
        Set<String> seen = new HashSet<>();
        String[] lastId = {null};
        long[] lastSeq = {0};
        boolean[] concluded = {false};
        PlannerOutage outage = new PlannerOutage();
        while (true) {
            String notStreamed;
            try {
                notStreamed = planner.stream(id, lastSeq[0], lastId[0], ev -> {
                    JsonNode n = parse(ev.data());
                    if (n == null) {
                        return true; // keep-alive or a non-JSON note
                    }
                    for (JsonNode e : n.isArray() ? n : java.util.List.of(n)) {
                        Long seq = Json.number(e, "seq");
                        if (seq != null) {
                            lastSeq[0] = Math.max(lastSeq[0], seq);
                        }
                        String key = JobFollower.key(e);
                        if (key == null || seen.add(key)) {
                            ctx.out().println(lines.line(e));
                            ctx.out().flush();
                        }
                        if (EventLines.isConclusion(e)) {
                            concluded[0] = true;
                        }
                    }
                    if (ev.id() != null) {
                        lastId[0] = ev.id();
                    }
                    return !concluded[0];
                });
                outage.answered();
            } catch (CliException e) {
                outage.failed(e, ctx.err());
                PlannerOutage.pause(Duration.ofSeconds(1));
                continue;
            }
            if (notStreamed != null) {
                // the planner answered with a plain list: follow by polling instead
                SubmitResult r = new JobFollower(planner, ctx, seen).follow(id, ctx.out(), Duration.ofDays(365));
                return "SUCCEEDED".equals(r.outcome()) ? CliException.OK : CliException.NOT_SUCCEEDED;
            }
            JsonNode view = planner.job(id);
            String outcome = JobViews.outcome(view);
            if (concluded[0] || outcome != null) {
                if (!concluded[0]) {
                    // the stream closed before the conclusion reached us: print the rest from the list
                    for (JsonNode e : planner.events(id, 0)) {
                        if (seen.add(String.valueOf(JobFollower.key(e)))) {
                            ctx.out().println(lines.line(e));
                        }
                    }
                }
                return "SUCCEEDED".equals(outcome) ? CliException.OK : CliException.NOT_SUCCEEDED;
            }
            PlannerOutage.pause(ctx.pollInterval());
        }
    }

    private static JsonNode parse(String data) {
        if (data == null || data.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(data);
            return n != null && (n.isObject() || n.isArray()) ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
