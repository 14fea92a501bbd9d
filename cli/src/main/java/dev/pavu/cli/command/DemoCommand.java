package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.BudgetRequest;
import dev.pavu.cli.client.JobSubmission;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.client.StackScript;
import dev.pavu.cli.client.SubmitRequest;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.SubmitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pavu demo}: starts the local stack ({@code deploy/local/stack up all}; what already runs is kept),
 * submits the bundled example {@code examples/invoicing} (a Maven project whose tests expose one genuine bug),
 * follows it, and prints the outcome, the candidates tried, the time and the verified patch. Exit code as
 * {@code submit --wait}: 0 only when the job SUCCEEDED.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, repair the bundled example (examples/invoicing) and print the verified patch.")
public class DemoCommand implements Callable<Integer> {

    /** The bundled example, relative to the repository root. */
    static final String EXAMPLE = "examples/invoicing";

    @ParentCommand
    PavuCommand root;

    @Option(names = "--json", description = "print the result as one JSON object on stdout (progress goes to stderr)")
    boolean json;

    @Option(names = "--no-up", description = "do not start the local stack (use the planner that runs)")
    boolean noUp;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx();
        Path repoRoot = ctx.repoRoot();
        Path example = repoRoot.resolve(EXAMPLE);
        if (!Files.isDirectory(example)) {
            throw CliException.usage("the bundled example is missing: " + example);
        }
        PrintStream progress = json ? ctx.err() : ctx.out();
        if (!noUp) {
            progress.println("pavu demo: starting the local stack (the first run builds the services and fetches Kafka: a few minutes)");
            int code = new StackScript(repoRoot, ctx.env()).run(ctx.err(), ctx.err(), "up", "all");
            if (code != 0) {
                throw CliException.failed("the local stack did not start (deploy/local/stack up all exited " + code
                        + "); the lines above name the log to read, `pavu status-stack` shows what runs");
            }
        }
        PlannerClient planner = root.planner();
        progress.println("pavu demo: submitting " + EXAMPLE + " — its tests expose one genuine bug");
        SubmitRequest req = new SubmitRequest(example.toString(), null, SubmitCommand.DEFAULT_TASK, null, null, BudgetRequest.DEFAULTS);
        JsonNode accepted = new JobSubmission(planner, ctx.workingDir()).submit(req, progress);
        String id = JobViews.id(accepted);
        progress.println("job " + id + " submitted; following it");
        SubmitResult result = new JobFollower(planner, ctx).follow(id, progress, SubmitCommand.waitTimeout(accepted, req.budget()));
        return SubmitCommand.report(result, ctx, json);
    }
}
