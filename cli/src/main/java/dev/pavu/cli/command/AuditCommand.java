package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code pavu audit verify ID} and {@code pavu audit prune ID}: a job's tamper-evident audit chain, from the
 * updater's {@code /audit/jobs/{id}/verify|prune} ({@code --updater}, env {@code PAVU_UPDATER_URL}, default
 * {@value DlqCommand#DEFAULT_UPDATER_URL}; the token of {@code pavu login} for that URL).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "A job's audit hash chain: verify it, or prune it (admin; the prune is recorded in the chain).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Prune.class})
public class AuditCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--updater", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "updater base URL (default: env PAVU_UPDATER_URL, else " + DlqCommand.DEFAULT_UPDATER_URL + ")")
    String updaterUrl;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("audit").usage(root.ctx().err());
        return CliException.USAGE;
    }

    private DlqCommand updaterAccess() {
        DlqCommand d = new DlqCommand();
        d.root = root;
        d.updaterUrl = updaterUrl;
        return d;
    }

    /** {@code pavu audit verify ID [--json]}: exit 0 when intact, 1 when the chain names a changed, removed or inserted event. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute a job's hash chain: 'intact: N events', or the first event changed, removed or inserted.")
    static class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;
        @Parameters(index = "0", paramLabel = "ID", description = "job id")
        String job;
        @Option(names = "--json", description = "print the whole verification as JSON")
        boolean json;

        @Override
        public Integer call() {
            JsonNode v = audit.updaterAccess().updater().verify(job);
            PrintStream out = audit.root.ctx().out();
            if (json) {
                out.println(Json.pretty(v));
            } else {
                print(out, v);
            }
            return v.path("intact").asBoolean() ? CliException.OK : CliException.NOT_SUCCEEDED;
        }
    }

    /** {@code pavu audit prune ID [--through N] [--reason TEXT]} (admin). */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove a job's audit chain up to a position (admin); the prune is recorded with the last hash.")
    static class Prune implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;
        @Parameters(index = "0", paramLabel = "ID", description = "job id")
        String job;
        @Option(names = "--through", paramLabel = "N", description = "last position to remove (default: all)")
        Long through;
        @Option(names = "--reason", paramLabel = "TEXT", description = "why (recorded)")
        String reason;

        @Override
        public Integer call() {
            if (through != null && through < 1) {
                throw CliException.usage("--through must be a chain position (1 or more), was " + through);
            }
            JsonNode v = audit.updaterAccess().updater().prune(job, through, reason);
            print(audit.root.ctx().out(), v);
            return CliException.OK;
        }
    }

    static void print(PrintStream out, JsonNode v) {
        out.println(v.path("summary").asText());
        for (JsonNode g : v.path("gaps")) {
            out.println("  gap at position " + g.path("jobSeq").asText() + ": " + g.path("eventType").asText("?") + " "
                    + g.path("eventId").asText("?") + " dead-lettered by " + g.path("consumer").asText("?") + ": "
                    + g.path("reason").asText("?") + (g.path("deadLetterId").isNumber()
                    ? " (pavu dlq show " + g.path("deadLetterId").asText() + ")" : ""));
        }
    }
}
