package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.auth.Credentials;
import dev.pavu.cli.client.UpdaterClient;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.util.concurrent.Callable;

/**
 * {@code pavu dlq list|show ID|replay ID}: the dead letters the consumers gave up on, from the updater's
 * {@code /dead-letters} API (an operator command: unlike the job commands it talks to the updater, {@code --updater},
 * env {@code PAVU_UPDATER_URL}, default {@value #DEFAULT_UPDATER_URL}).
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Dead letters: records a consumer gave up on (list, show, replay once).",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class})
public class DlqCommand implements Callable<Integer> {

    /** Default updater URL when neither {@code --updater} nor {@code PAVU_UPDATER_URL} is given. */
    public static final String DEFAULT_UPDATER_URL = "http://localhost:8084";

    @ParentCommand
    PavuCommand root;

    @Option(names = "--updater", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "updater base URL (default: env PAVU_UPDATER_URL, else " + DEFAULT_UPDATER_URL + ")")
    String updaterUrl;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("dlq").usage(root.ctx().err());
        return CliException.USAGE;
    }

    UpdaterClient updater() {
        String url = updaterUrl;
        if (url == null || url.isBlank()) {
            url = root.ctx().env().get("PAVU_UPDATER_URL");
        }
        if (url == null || url.isBlank()) {
            url = DEFAULT_UPDATER_URL;
        }
        url = url.strip().replaceAll("/+$", "");
        if (!url.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw CliException.usage("--updater must be an http(s) URL such as " + DEFAULT_UPDATER_URL + ", was '" + url + "'");
        }
        return new UpdaterClient(url, new Credentials(root.ctx()).token(url).orElse(null));
    }

    /** {@code pavu dlq list [--job ID] [--consumer NAME] [--limit N] [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, oldest first.")
    static class ListDeadLetters implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;
        @Option(names = "--job", paramLabel = "ID", description = "only this job's")
        String job;
        @Option(names = "--consumer", paramLabel = "NAME", description = "only this service's or consumer group's")
        String consumer;
        @Option(names = "--limit", paramLabel = "N", description = "at most N")
        Integer limit;
        @Option(names = "--json", description = "print the JSON array")
        boolean json;

        @Override
        public Integer call() {
            JsonNode all = dlq.updater().list(job, consumer, limit);
            var out = dlq.root.ctx().out();
            if (json) {
                out.println(Json.pretty(all));
                return CliException.OK;
            }
            if (all.isEmpty()) {
                out.println("no dead letters");
                return CliException.OK;
            }
            out.printf("%-6s %-18s %-12s %-24s %-36s %-8s %-9s %s%n", "ID", "CONSUMER", "CHANNEL", "EVENT", "JOB",
                    "ATTEMPTS", "REPLAYED", "REASON");
            for (JsonNode d : all) {
                out.printf("%-6s %-18s %-12s %-24s %-36s %-8s %-9s %s%n", d.path("id").asText(), or(d, "consumer"),
                        or(d, "channel"), or(d, "eventType"), or(d, "jobId"), or(d, "attempts"),
                        d.path("replayedAt").isNull() || d.path("replayedAt").isMissingNode() ? "no" : "yes",
                        oneLine(or(d, "exceptionClass") + ": " + or(d, "reason")));
            }
            return CliException.OK;
        }
    }

    /** {@code pavu dlq show ID}: the whole dead letter as JSON. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter (JSON).")
    static class Show implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;
        @Parameters(index = "0", paramLabel = "ID", description = "dead letter id")
        String id;

        @Override
        public Integer call() {
            dlq.root.ctx().out().println(Json.pretty(dlq.updater().show(id)));
            return CliException.OK;
        }
    }

    /** {@code pavu dlq replay ID [--by NAME]}: re-publishes it, once, to the retry topic of the consumer that gave up on it. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publish a dead letter (same event id) to the retry topic <topic>.retry.<group> of the consumer that gave it up, which reads it again; refused when replayed before.")
    static class Replay implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;
        @Parameters(index = "0", paramLabel = "ID", description = "dead letter id")
        String id;
        @Option(names = "--by", paramLabel = "NAME", description = "who replays (recorded; default: env USER)")
        String by;

        @Override
        public Integer call() {
            String who = by != null && !by.isBlank() ? by : dlq.root.ctx().env().getOrDefault("USER", "pavu-cli");
            JsonNode d = dlq.updater().replay(id, who);
            dlq.root.ctx().out().println("dead letter " + id + " replayed to " + d.path("original").path("topic").asText()
                    + " by " + d.path("replayedBy").asText() + " at " + d.path("replayedAt").asText());
            return CliException.OK;
        }
    }

    private static String or(JsonNode d, String field) {
        JsonNode n = d.path(field);
        return n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
