package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pavu status ID}: the job's view ({@code GET /jobs/{id}}) as aligned {@code field value} lines (known
 * fields first, every other scalar field after them; the patch is left to {@code pavu patch}); {@code --json}
 * prints the planner's view as it is.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job's state, outcome, iterations and counts.")
public class StatusCommand implements Callable<Integer> {

    private static final List<String> FIRST = List.of("id", "state", "outcome", "reason", "task", "iterations",
            "candidatesProposed", "candidatesVerified", "candidatesTried", "durationMs", "submittedAt", "createdAt",
            "concludedAt", "updatedAt");

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Option(names = "--json", description = "print the planner's JSON view")
    boolean json;

    @Override
    public Integer call() {
        JsonNode view = root.planner().job(id);
        if (json) {
            root.ctx().out().println(Json.pretty(view));
            return CliException.OK;
        }
        List<String> names = new ArrayList<>();
        for (String f : FIRST) {
            if (view.has(f)) {
                names.add(f);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = view.fields(); it.hasNext(); ) {
            String f = it.next().getKey();
            if (!names.contains(f)) {
                names.add(f);
            }
        }
        for (String f : names) {
            JsonNode v = view.get(f);
            if (f.equals("patch") || f.equals("hasPatch") || v.isNull()) {
                continue;
            }
            String text = v.isValueNode() ? v.asText() : Json.write(v);
            if (text.length() > 200) {
                text = text.substring(0, 199) + "…";
            }
            root.ctx().out().printf("%-20s %s%n", f, text.replaceAll("\\R", " "));
        }
        if (view.hasNonNull("patch") || view.path("hasPatch").asBoolean(false)) {
            root.ctx().out().printf("%-20s %s%n", "patch", "pavu patch " + id);
        }
        return CliException.OK;
    }
}
