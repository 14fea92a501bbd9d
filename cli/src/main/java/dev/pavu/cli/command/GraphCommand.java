package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.UpdaterClient;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pavu graph status|symbols|owners-of|callers|callees|tests-reaching}: the code graph the updater built of a
 * job's commit ({@code --job ID}: the commit is read from the planner's {@code GET /jobs/{id}}, or {@code --sha}
 * directly), from the updater's {@code /graph/{sha}} API ({@code --updater}, env {@code PAVU_UPDATER_URL}, default
 * {@value DlqCommand#DEFAULT_UPDATER_URL}; the token of {@code pavu login} for that URL). Tables by default,
 * {@code --json} for the updater's answer as is.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"The code graph of a job's commit: symbols, who declares a name, callers, callees, tests reaching a method.",
                "Methods: pkg.Type.method, pkg.Type.method(ParamType, ...) or a bare name (every match)."},
        subcommands = {GraphCommand.Status.class, GraphCommand.Symbols.class, GraphCommand.OwnersOf.class,
                GraphCommand.Callers.class, GraphCommand.Callees.class, GraphCommand.TestsReaching.class})
public class GraphCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--updater", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "updater base URL (default: env PAVU_UPDATER_URL, else " + DlqCommand.DEFAULT_UPDATER_URL + ")")
    String updaterUrl;

    @Option(names = "--job", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "the job whose commit's graph to ask (its commit is read from the planner)")
    String job;

    @Option(names = "--sha", paramLabel = "SHA", scope = ScopeType.INHERIT,
            description = "the commit whose graph to ask (full, or a unique prefix of 7+ hex digits)")
    String sha;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the updater's JSON answer")
    boolean json;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("graph").usage(root.ctx().err());
        return CliException.USAGE;
    }

    UpdaterClient updater() {
        DlqCommand d = new DlqCommand();
        d.root = root;
        d.updaterUrl = updaterUrl;
        return d.updater();
    }

    /** @return the commit asked about: {@code --sha}, or the commit of {@code --job} */
    String commit() {
        if ((job == null) == (sha == null)) {
            throw CliException.usage("give exactly one of --job ID (a job's commit) and --sha SHA (a commit)");
        }
        if (sha != null) {
            if (!sha.strip().matches("[0-9a-fA-F]{7,64}")) {
                throw CliException.usage("--sha must be 7 to 64 hex digits (a commit id or a unique prefix), was '" + sha + "'");
            }
            return sha.strip();
        }
        String commit = root.planner().job(job).path("source").path("commit").asText("");
        if (commit.isBlank()) {
            throw CliException.failed("job " + job + " has no resolved commit yet (its source is still being fetched); "
                    + "retry in a moment");
        }
        return commit;
    }

    PrintStream out() {
        return root.ctx().out();
    }

    int print(JsonNode answer, Runnable table) {
        if (json) {
            out().println(Json.pretty(answer));
        } else {
            table.run();
        }
        return CliException.OK;
    }

    /** {@code pavu graph status}: the graph's state, why it failed or is partial, and its counts. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The graph's status (QUEUED, BUILDING, READY, FAILED), reason and counts.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;

        @Override
        public Integer call() {
            JsonNode g = graph.updater().graph(graph.commit());
            graph.print(g, () -> {
                PrintStream out = graph.out();
                row(out, "commit", g.path("commit").asText());
                row(out, "team", g.path("team").asText());
                row(out, "status", g.path("status").asText());
                if (!g.path("reason").isNull() && !g.path("reason").asText().isEmpty()) {
                    row(out, "reason", g.path("reason").asText());
                }
                if (g.path("buildMs").isNumber()) {
                    row(out, "built", g.path("buildMs").asLong() + " ms, " + g.path("finishedAt").asText());
                }
                row(out, "symbols", counts(g.path("symbols")));
                row(out, "edges", counts(g.path("edges")));
                JsonNode f = g.path("files");
                row(out, "files", f.path("parsed").asInt() + " parsed, " + f.path("skipped").asInt() + " skipped, "
                        + f.path("failed").asInt() + " did not parse, " + f.path("linksSkipped").asInt()
                        + " links/special files not followed");
                JsonNode c = g.path("calls");
                row(out, "calls", c.path("resolved").asInt() + " resolved, " + c.path("external").asInt() + " to the JDK, "
                        + c.path("unresolved").asInt() + " unresolved");
            });
            return "FAILED".equals(g.path("status").asText()) ? CliException.NOT_SUCCEEDED : CliException.OK;
        }

        private static void row(PrintStream out, String name, String value) {
            out.printf("%-8s %s%n", name, value);
        }

        private static String counts(JsonNode byKind) {
            StringBuilder b = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = byKind.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asInt());
            }
            return b.isEmpty() ? "none" : b.toString();
        }
    }

    /** {@code pavu graph symbols WORDS [--kind K] [--limit N]}. */
    @Command(name = "symbols", mixinStandardHelpOptions = true,
            description = "Symbols whose names match the words (each a prefix of a name's word).")
    static class Symbols implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "WORDS", description = "e.g. percent, Money.plus, discountOn")
        String q;
        @Option(names = "--kind", paramLabel = "KIND", description = "TYPE, METHOD, CONSTRUCTOR or FIELD")
        String kind;
        @Option(names = "--limit", paramLabel = "N", description = "at most N (1-500, default 50)")
        Integer limit;

        @Override
        public Integer call() {
            JsonNode all = graph.updater().graphSymbols(graph.commit(), q, kind, limit);
            return graph.print(all, () -> {
                if (all.isEmpty()) {
                    graph.out().println("no symbol matches '" + q + "'");
                }
                all.forEach(s -> graph.out().println(symbol(s)));
            });
        }
    }

    /** {@code pavu graph owners-of NAME}. */
    @Command(name = "owners-of", mixinStandardHelpOptions = true,
            description = "The types that declare a member (method, field, constructor, nested type) of that name.")
    static class OwnersOf implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "NAME", description = "a simple name (discountOn), a qualified name or a signature")
        String name;

        @Override
        public Integer call() {
            JsonNode all = graph.updater().graphQuery(graph.commit(), "owners-of", name);
            return graph.print(all, () -> {
                if (all.isEmpty()) {
                    graph.out().println("no type declares '" + name + "'");
                }
                for (JsonNode o : all) {
                    JsonNode t = o.path("type");
                    graph.out().println(t.path("qualifiedName").asText() + "  " + where(t));
                    o.path("members").forEach(m -> graph.out().println("  " + symbol(m)));
                }
            });
        }
    }

    /** {@code pavu graph callers METHOD}. */
    @Command(name = "callers", mixinStandardHelpOptions = true, description = "The methods calling a method (resolved calls).")
    static class Callers extends Neighbours {
        Callers() {
            super("callers", "is called by", "no resolved caller");
        }
    }

    /** {@code pavu graph callees METHOD}. */
    @Command(name = "callees", mixinStandardHelpOptions = true, description = "The project methods a method calls (resolved calls).")
    static class Callees extends Neighbours {
        Callees() {
            super("callees", "calls", "calls no method of the project (that could be resolved)");
        }
    }

    /** {@code pavu graph tests-reaching METHOD}. */
    @Command(name = "tests-reaching", mixinStandardHelpOptions = true,
            description = "The test methods reaching a method through calls, nearest first.")
    static class TestsReaching extends Neighbours {
        TestsReaching() {
            super("tests-reaching", "is reached by", "no test reaches it through resolved calls");
        }
    }

    /** The three method questions: one block per matching method, one line per neighbour. */
    abstract static class Neighbours implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "METHOD",
                description = "pkg.Type.method, pkg.Type.method(ParamType, ...) or a method name")
        String method;
        private final String what;
        private final String verb;
        private final String none;

        Neighbours(String what, String verb, String none) {
            this.what = what;
            this.verb = verb;
            this.none = none;
        }

        @Override
        public Integer call() {
            JsonNode all = graph.updater().graphQuery(graph.commit(), what, method);
            return graph.print(all, () -> {
                for (JsonNode m : all) {
                    JsonNode s = m.path("method");
                    graph.out().println(s.path("signature").asText() + "  " + where(s) + "  " + verb + ":");
                    if (m.path("related").isEmpty()) {
                        graph.out().println("  (" + none + ")");
                    }
                    for (JsonNode r : m.path("related")) {
                        String at = what.equals("tests-reaching") ? r.path("line").asInt() + " step(s)"
                                : what.equals("callers") ? "call at line " + r.path("line").asInt()
                                : "first call at line " + r.path("line").asInt();
                        graph.out().println("  " + r.path("symbol").path("signature").asText() + "  "
                                + where(r.path("symbol")) + "  (" + at + ")");
                    }
                }
            });
        }
    }

    static String symbol(JsonNode s) {
        return String.format("%-11s %s  %s%s", s.path("kind").asText(), s.path("signature").asText(), where(s),
                s.path("test").asBoolean() ? "  [test]" : "");
    }

    static String where(JsonNode s) {
        return s.path("file").asText("?") + ":" + s.path("line").asInt();
    }
}
