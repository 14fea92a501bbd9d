package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code pavu replay ID --verify-only}: the job's final patch verified again in the sandbox and compared with the
 * recorded verdict ({@code POST /jobs/{id}/replay?verifyOnly=true}). Prints the recorded and the new verdict, every
 * difference, and as its last line {@code identical} or {@code diverged: <n> difference(s)}; {@code --json} prints the
 * planner's report. Exit code 0 when identical, 1 when it diverged, 2 without {@code --verify-only} (a full replay is
 * not available yet).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a concluded job. --verify-only: verify its final patch again in the sandbox and compare "
                + "the verdict with the recorded one (exit 0 when identical, 1 when it diverged)."})
public class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Option(names = "--verify-only", description = "verify the final patch again (the only replay available yet)")
    boolean verifyOnly;

    @Option(names = "--json", description = "print the planner's report as JSON")
    boolean json;

    @Override
    public Integer call() {
        if (!verifyOnly) {
            throw CliException.usage("only the final patch can be replayed yet: pavu replay " + id + " --verify-only "
                    + "(a full replay of every plan and candidate is not available)");
        }
        PrintStream out = root.ctx().out();
        root.ctx().err().println("verifying the final patch of job " + id + " again in the sandbox …");
        JsonNode report = root.planner().replayVerifyOnly(id);
        boolean identical = report.path("identical").asBoolean(false);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.println("job " + id + ", candidate " + report.path("candidateId").asText() + ", patch sha256 "
                    + report.path("patchSha256").asText());
            out.println("  recorded: " + facts(report.path("recorded")));
            out.println("  now:      " + facts(report.path("replayed")) + " in " + report.path("durationMs").asLong() + " ms — "
                    + report.path("reason").asText());
            report.path("differences").forEach(d -> out.println("  differs:  " + d.asText()));
            out.println(identical ? "identical" : "diverged: " + report.path("differences").size() + " difference(s)");
        }
        out.flush();
        return identical ? CliException.OK : CliException.NOT_SUCCEEDED;
    }

    private static String facts(JsonNode f) {
        return f.path("verdict").asText() + ", " + f.path("testsRun").asInt() + " tests run, " + f.path("testsFailed").asInt()
                + " failed" + (f.path("failingTests").isEmpty() ? "" : " " + f.path("failingTests"));
    }
}
