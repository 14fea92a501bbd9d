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
 * {@code pavu workers status|pause|resume}: the verifier workers through the planner's {@code /workers} (admins).
 * Pausing loses nothing: queued candidates wait and runs in flight finish.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "The verifier workers (admins): status, pause (queued candidates wait), resume.",
        subcommands = {WorkersCommand.Status.class, WorkersCommand.Pause.class, WorkersCommand.Resume.class})
public class WorkersCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("workers").usage(root.ctx().err());
        return CliException.USAGE;
    }

    /** {@code pavu workers status [--json]}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Paused or not, the workers and the queue.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        WorkersCommand parent;

        @Option(names = "--json", description = "the planner's answer as JSON")
        boolean json;

        @Override
        public Integer call() {
            return parent.print(parent.root.planner().auth("GET", "/workers", null, "read the workers' status"), json);
        }
    }

    /** Pause and resume: the same call with another action. */
    abstract static class Change implements Callable<Integer> {
        @ParentCommand
        WorkersCommand parent;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept with the state, at most 500 characters)")
        String reason;

        /** @return {@code pause} or {@code resume} */
        abstract String action();

        @Override
        public Integer call() {
            return parent.print(parent.root.planner().auth("POST", "/workers/" + action(), body(reason),
                    action() + " the workers"), false);
        }
    }

    /** {@code pavu workers pause [--reason TEXT]}. */
    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause the workers: no new candidate starts; queued ones wait, running ones finish.")
    static class Pause extends Change {
        @Override
        String action() {
            return "pause";
        }
    }

    /** {@code pavu workers resume [--reason TEXT]}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume the workers: they take queued candidates again.")
    static class Resume extends Change {
        @Override
        String action() {
            return "resume";
        }
    }

    private static Map<String, Object> body(String reason) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("reason", reason);
        return b;
    }

    private int print(JsonNode s, boolean json) {
        PrintStream out = root.ctx().out();
        if (json) {
            out.println(Json.pretty(s));
        } else {
            lines(s).forEach(out::println);
        }
        return CliException.OK;
    }

    /**
     * @param s the verifier's status ({@code GET /workers})
     * @return the lines a person reads: state, queue, one line per worker
     */
    static List<String> lines(JsonNode s) {
        List<String> l = new ArrayList<>();
        boolean paused = s.path("paused").asBoolean();
        String by = Json.text(s, "changedBy");
        l.add("workers: " + (paused ? "PAUSED" : "running")
                + (by == null ? "" : " (since " + Json.text(s, "changedAt") + ", by " + by
                + (Json.text(s, "reason") == null ? "" : ": " + Json.text(s, "reason")) + ")"));
        List<String> prio = new ArrayList<>();
        s.path("queuedByPriority").properties().forEach(e -> prio.add("priority " + e.getKey() + ": " + e.getValue().asLong()));
        l.add("candidates: " + s.path("running").asLong() + " running, " + s.path("queued").asLong() + " queued"
                + (prio.isEmpty() ? "" : " (" + String.join(", ", prio) + ")"));
        for (JsonNode w : Json.array(s.path("workers"))) {
            l.add("  " + Json.text(w, "worker") + ": " + w.path("threads").asInt() + " thread(s), "
                    + w.path("running").size() + " running, seen " + Json.text(w, "seenAt"));
        }
        return l;
    }
}
