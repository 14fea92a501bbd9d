package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pavu cleanup [--keep N] [--days D] [--team T] [--dry-run] [--json]}: runs the planner's retention
 * ({@code POST /admin/retention/run}, admins) and prints what went: jobs, source bundles, model-call bodies and bytes.
 * Without {@code --keep}/{@code --days} the configured policy ({@code pavu.retention.*}) applies. The audit log is not
 * touched ({@code pavu audit prune} is the one way to prune a job's chain).
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Drop old concluded jobs' bundles, run logs, model-call bodies and workspaces (admins).",
                "Running jobs are never touched; neither is the audit log (see pavu audit prune)."})
public class CleanupCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--keep", paramLabel = "N", description = "keep the last N concluded jobs of each team")
    Integer keep;

    @Option(names = "--days", paramLabel = "D", description = "drop jobs concluded more than D days ago")
    Integer days;

    @Option(names = "--team", paramLabel = "TEAM", description = "only this team (operators; a team's admin always cleans its own)")
    String team;

    @Option(names = "--dry-run", description = "list what would go, change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "the planner's answer as JSON")
    boolean json;

    @Override
    public Integer call() {
        if ((keep != null && keep < 0) || (days != null && days < 0)) {
            throw CliException.usage("--keep and --days take 0 or more");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keep", keep);
        body.put("days", days);
        body.put("team", team);
        body.put("dryRun", dryRun ? Boolean.TRUE : null);
        JsonNode r = root.planner().auth("POST", "/admin/retention/run", body, "run the retention");
        PrintStream out = root.ctx().out();
        if (json) {
            out.println(Json.pretty(r));
        } else {
            lines(r).forEach(out::println);
        }
        return CliException.OK;
    }

    /**
     * @param r the planner's report ({@code POST /admin/retention/run})
     * @return one line per team, then the totals
     */
    static List<String> lines(JsonNode r) {
        boolean dry = r.path("dryRun").asBoolean();
        List<String> l = new ArrayList<>();
        for (JsonNode t : Json.array(r.path("teams"))) {
            l.add(Json.text(t, "team") + " (" + Json.text(t, "rule") + "): " + t.path("jobIds").size() + " job(s), "
                    + t.path("bundles").size() + " bundle(s), " + t.path("modelCalls").asLong() + " model call(s), "
                    + bytes(t.path("bytes").asLong() + t.path("modelCallBytes").asLong())
                    + (Json.text(t, "gatewayError") == null ? "" : "; " + Json.text(t, "gatewayError")));
        }
        long total = r.path("bytes").asLong() + r.path("modelCallBytes").asLong();
        l.add((dry ? "would free (dry run): " : "freed: ") + r.path("jobs").asLong() + " job(s), " + r.path("bundles").asLong()
                + " bundle(s), " + r.path("modelCalls").asLong() + " model call(s), " + bytes(total)
                + (dry ? "" : " (the verifier drops the jobs' logs and workspaces as it reads the announcements)"));
        return l;
    }

    /** @return bytes as {@code 1234 bytes} or {@code 1.2 MiB} */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
