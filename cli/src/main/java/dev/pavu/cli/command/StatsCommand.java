package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pavu stats [--since 7d] [--json]}: what Pavu did over a period (the planner's {@code GET /stats/summary}):
 * jobs by outcome, success rate, time to patch, candidates per job, the top failure kinds and winning fix patterns.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Summary of the jobs since a moment: outcomes, success rate, time to patch, candidates, top failure kinds and patterns (admins).")
public class StatsCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "7d",
            description = "an ISO-8601 instant or a period back from now: 30m, 24h, 7d, 4w (default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--json", description = "the planner's answer as JSON")
    boolean json;

    @Override
    public Integer call() {
        JsonNode s = root.planner().stats(since);
        PrintStream out = root.ctx().out();
        if (json) {
            out.println(Json.pretty(s));
            return CliException.OK;
        }
        for (String line : lines(s)) {
            out.println(line);
        }
        return CliException.OK;
    }

    /** @return the summary as lines a person reads */
    static List<String> lines(JsonNode s) {
        List<String> l = new ArrayList<>();
        JsonNode by = s.path("byOutcome");
        l.add(String.format(Locale.ROOT, "jobs since %s: %d (%d succeeded, %d exhausted, %d failed, %d cancelled, %d running)",
                s.path("since").asText(), s.path("jobs").asLong(), by.path("SUCCEEDED").asLong(), by.path("EXHAUSTED").asLong(),
                by.path("FAILED").asLong(), by.path("CANCELLED").asLong(), by.path("RUNNING").asLong()));
        l.add("success rate: " + (s.path("successRate").isNumber()
                ? String.format(Locale.ROOT, "%.0f%%", 100 * s.path("successRate").asDouble()) : "– (nothing concluded)"));
        JsonNode t = s.path("timeToPatchMs");
        l.add("time to patch: " + (t.path("median").isNumber()
                ? "median " + seconds(t.path("median")) + ", mean " + seconds(t.path("mean")) + ", p90 " + seconds(t.path("p90"))
                : "– (nothing succeeded)"));
        JsonNode c = s.path("candidatesPerJob");
        l.add("candidates per job: " + (c.path("median").isNumber()
                ? String.format(Locale.ROOT, "median %.0f, mean %.1f", c.path("median").asDouble(), c.path("mean").asDouble()) : "–"));
        l.add("top failure kinds: " + counts(s.path("topFailureKinds"), true));
        l.add("top fix patterns: " + counts(s.path("topPatterns"), false));
        return l;
    }

    private static String seconds(JsonNode ms) {
        return String.format(Locale.ROOT, "%.1f s", ms.asDouble() / 1000);
    }

    private static String counts(JsonNode rows, boolean withFixed) {
        List<String> parts = new ArrayList<>();
        for (JsonNode r : Json.array(rows)) {
            parts.add(Json.text(r, "name") + " " + r.path("jobs").asLong()
                    + (withFixed ? " (" + r.path("succeeded").asLong() + " fixed)" : ""));
        }
        return parts.isEmpty() ? "–" : String.join(", ", parts);
    }
}
