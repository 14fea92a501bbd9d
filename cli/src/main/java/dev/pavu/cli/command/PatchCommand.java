package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pavu patch ID}: the job's verified patch (a unified diff) on stdout, ready for {@code git apply};
 * exit 1 with the job's state and reason when it has none.
 */
@Command(name = "patch", mixinStandardHelpOptions = true, description = "Print a job's verified patch (unified diff) to stdout.")
public class PatchCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Override
    public Integer call() {
        PlannerClient planner = root.planner();
        Optional<String> patch = planner.patch(id);
        if (patch.isEmpty()) {
            JsonNode view = planner.job(id);
            String outcome = JobViews.outcome(view);
            String reason = Json.text(view, "reason");
            throw CliException.failed("job " + id + " has no patch: "
                    + (outcome == null ? "it is still " + JobViews.state(view) : "it " + outcome)
                    + (reason == null ? "" : " — " + reason));
        }
        String diff = patch.get();
        root.ctx().out().print(diff.isEmpty() || diff.endsWith("\n") ? diff : diff + "\n");
        root.ctx().out().flush();
        return CliException.OK;
    }
}
