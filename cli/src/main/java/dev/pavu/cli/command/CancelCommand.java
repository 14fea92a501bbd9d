package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.JobViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code pavu cancel ID}: asks the planner to cancel the job ({@code POST /jobs/{id}/cancel}). */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job (it concludes CANCELLED).")
public class CancelCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Override
    public Integer call() {
        JsonNode answer = root.planner().cancel(id);
        String state = JobViews.state(answer);
        root.ctx().out().println("cancellation of job " + id + " requested" + (state == null ? "" : " (state " + state + ")"));
        return CliException.OK;
    }
}
