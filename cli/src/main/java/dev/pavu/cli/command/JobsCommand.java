package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pavu jobs}: one line per job (id, state, outcome, iterations, candidates, time, task or reason). */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the jobs the planner knows.")
public class JobsCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--json", description = "print the planner's JSON list")
    boolean json;

    @Override
    public Integer call() {
        JsonNode answer = root.planner().jobs();
        PrintStream out = root.ctx().out();
        if (json) {
            out.println(Json.pretty(answer));
            return CliException.OK;
        }
        JsonNode jobs = Json.array(answer, "jobs", "items", "content");
        if (jobs.isEmpty()) {
            root.ctx().err().println("no jobs yet: submit one with pavu submit --repo PATH|URL");
            return CliException.OK;
        }
        out.printf("%-36s  %-10s  %-9s  %4s  %10s  %8s  %s%n", "ID", "STATE", "OUTCOME", "ITER", "CANDIDATES", "TIME", "TASK / REASON");
        for (JsonNode j : jobs) {
            Long tried = JobViews.candidatesTried(j);
            Long proposed = JobViews.candidatesProposed(j);
            Long ms = JobViews.durationMs(j);
            String note = JobViews.outcome(j) != null && Json.text(j, "reason") != null ? Json.text(j, "reason")
                    : Json.text(j, "task.text", "task");
            out.printf(Locale.ROOT, "%-36s  %-10s  %-9s  %4s  %10s  %8s  %s%n",
                    JobViews.id(j), dash(JobViews.state(j)), dash(JobViews.outcome(j)),
                    dash(Json.text(j, "iterations", "iteration")),
                    tried == null && proposed == null ? "-" : (tried == null ? "?" : tried) + "/" + (proposed == null ? "?" : proposed),
                    ms == null ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0),
                    note == null ? "" : note.length() > 70 ? note.substring(0, 69) + "…" : note.replaceAll("\\R", " "));
        }
        return CliException.OK;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
