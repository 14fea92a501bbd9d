package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.EventLines;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code pavu events ID}: the job's audit trail so far, one line per event ({@code --json}: the planner's list). */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Print a job's events (its audit trail) so far.")
public class EventsCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Option(names = "--json", description = "print the events as the planner's JSON list")
    boolean json;

    @Override
    public Integer call() {
        JsonNode events = root.planner().events(id, 0);
        if (json) {
            root.ctx().out().println(Json.pretty(events));
            return CliException.OK;
        }
        EventLines lines = new EventLines(root.ctx().zone());
        for (JsonNode e : events) {
            root.ctx().out().println(lines.line(e));
        }
        if (events.isEmpty()) {
            root.ctx().err().println("no events of job " + id + " yet");
        }
        return CliException.OK;
    }
}
