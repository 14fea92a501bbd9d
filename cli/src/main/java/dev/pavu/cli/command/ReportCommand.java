package dev.pavu.cli.command;

import dev.pavu.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code pavu report ID}: the job's report ({@code GET /jobs/{id}/report}, Markdown) on stdout: the job, its
 * baseline, the fault-localisation ranking, the decisions, the candidates in the order they were verified and
 * the final patch. Exit 1 with the planner's words for an unknown job.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a job's report (Markdown): baseline, localisation ranking, decisions, candidates, patch.")
public class ReportCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Override
    public Integer call() {
        String md = root.planner().report(id);
        root.ctx().out().print(md.isEmpty() || md.endsWith("\n") ? md : md + "\n");
        root.ctx().out().flush();
        return CliException.OK;
    }
}
