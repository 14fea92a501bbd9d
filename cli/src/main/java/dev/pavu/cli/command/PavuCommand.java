package dev.pavu.cli.command;

import dev.pavu.cli.CliContext;
import dev.pavu.cli.auth.Credentials;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.PlannerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The top-level {@code pavu} command. It only dispatches to its subcommands; {@code --planner} may be given
 * before or after the subcommand.
 */
@Command(name = "pavu", mixinStandardHelpOptions = true, version = "pavu 0.1.0",
        description = {"Pavu turns a coding task on a repository into a verified patch.",
                "Talks only to the planner's HTTP API (--planner, env PAVU_PLANNER_URL, default " + CliContext.DEFAULT_PLANNER_URL + ")."},
        subcommands = {UpCommand.class, DownCommand.class, StackStatusCommand.class, SubmitCommand.class,
                StatusCommand.class, JobsCommand.class, WatchCommand.class, EventsCommand.class, PatchCommand.class,
                ReportCommand.class, ApplyCommand.class, CancelCommand.class, BenchCommand.class, DemoCommand.class,
                LoginCommand.class, TokenCommand.class, StatsCommand.class, DlqCommand.class, AuditCommand.class,
                GraphCommand.class, WorkersCommand.class, TasksCommand.class, CleanupCommand.class, ReplayCommand.class},
        footer = {"", "Exit codes: 0 success (submit --wait, watch, demo: the job SUCCEEDED),",
                "            1 the job ended otherwise, or an operation failed,",
                "            2 usage error, or the planner cannot be reached."})
public class PavuCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--planner", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "planner base URL (default: env PAVU_PLANNER_URL, else " + CliContext.DEFAULT_PLANNER_URL + ")")
    String plannerUrl;

    /** @param ctx streams, environment and working directory of this run */
    public PavuCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** @return the context of this run */
    CliContext ctx() {
        return ctx;
    }

    /** @return a client of the planner named by {@code --planner}, {@code PAVU_PLANNER_URL} or the default */
    PlannerClient planner() {
        String url = ctx.plannerUrl(plannerUrl);
        return new PlannerClient(url, new Credentials(ctx).token(url).orElse(null));
    }

    /** @return the planner URL of this run ({@code --planner}, {@code PAVU_PLANNER_URL} or the default) */
    String plannerUrl() {
        return ctx.plannerUrl(plannerUrl);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliException.USAGE;
    }
}
