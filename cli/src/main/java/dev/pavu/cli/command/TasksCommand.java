package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.BudgetRequest;
import dev.pavu.cli.client.JobSubmission;
import dev.pavu.cli.client.SubmitRequest;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.tasks.TaskEntry;
import dev.pavu.cli.tasks.TaskFile;
import dev.pavu.cli.tasks.TaskState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pavu tasks load FILE} submits the tasks of a tasks file ({@link TaskFile}) that are new or changed since the
 * last time ({@link TaskState}); {@code pavu tasks watch FILE} does so whenever the file changes. Each submitted task
 * prints {@code <name> <job id>} on stdout.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Submit the tasks of a YAML/JSON file (name, repo, task, kind, priority, …): load once, or watch it.",
        subcommands = {TasksCommand.Load.class, TasksCommand.Watch.class})
public class TasksCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("tasks").usage(root.ctx().err());
        return CliException.USAGE;
    }

    /** {@code pavu tasks load FILE [--force]}. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Submit the file's new and changed tasks (--force: all of them) and print '<name> <job id>' for each.")
    static class Load implements Callable<Integer> {
        @ParentCommand
        TasksCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks file (.yaml, .yml or .json)")
        Path file;

        @Option(names = "--force", description = "submit every task, changed or not")
        boolean force;

        @Override
        public Integer call() {
            parent.load(parent.root.ctx().workingDir().resolve(file), force);
            return CliException.OK;
        }
    }

    /** {@code pavu tasks watch FILE [--interval SEC] [--for SEC]}. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Load the file now and again whenever it changes; runs until stopped (Ctrl-C) or --for ends.")
    static class Watch implements Callable<Integer> {
        @ParentCommand
        TasksCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks file (.yaml, .yml or .json)")
        Path file;

        @Option(names = "--interval", paramLabel = "SEC", defaultValue = "2", description = "how often to look at the file, seconds (default: ${DEFAULT-VALUE})")
        long interval;

        @Option(names = "--for", paramLabel = "SEC", description = "stop watching after this many seconds (default: never)")
        Long forSeconds;

        @Override
        public Integer call() throws InterruptedException {
            if (interval < 1) {
                throw CliException.usage("--interval must be at least 1 second, was " + interval);
            }
            Path path = parent.root.ctx().workingDir().resolve(file);
            long end = forSeconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(forSeconds).toNanos();
            String seen = null;
            String lastProblem = null;
            parent.root.ctx().err().println("watching " + path + " (every " + interval + " s)");
            while (System.nanoTime() < end) {
                String now = content(path);
                if (now != null && !now.equals(seen)) {
                    try {
                        parent.load(path, false);
                        seen = now;
                        lastProblem = null;
                    } catch (CliException e) { // a half-written or wrong file, a refusal, the planner away: say so once, retry
                        if (!e.getMessage().equals(lastProblem)) {
                            parent.root.ctx().err().println("not loaded (trying again every " + interval + " s): " + e.getMessage());
                            lastProblem = e.getMessage();
                        }
                    }
                }
                Thread.sleep(Math.min(Duration.ofSeconds(interval).toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            return CliException.OK;
        }

        private static String content(Path path) {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * Submits the new and changed tasks of a file.
     *
     * @param file  the tasks file
     * @param force submit every task
     * @return how many were submitted
     */
    int load(Path file, boolean force) {
        CliContext ctx = root.ctx();
        TaskFile tasks = TaskFile.read(file);
        TaskState state = TaskState.load(TaskState.beside(file));
        Path base = file.toAbsolutePath().getParent();
        JobSubmission submission = new JobSubmission(root.planner(), base);
        PrintStream progress = ctx.err();
        int submitted = 0;
        for (TaskEntry t : tasks.tasks()) {
            String fingerprint = TaskFile.fingerprint(t);
            TaskState.Submitted before = state.get(t.name());
            if (!force && before != null && before.fingerprint().equals(fingerprint)) {
                progress.println(t.name() + ": unchanged, job " + before.jobId());
                continue;
            }
            JsonNode accepted = submission.submit(request(t, base), progress);
            String id = JobViews.id(accepted);
            state.put(t.name(), new TaskState.Submitted(fingerprint, id, Instant.now().toString()));
            ctx.out().println(t.name() + " " + id);
            submitted++;
        }
        progress.println(submitted + " of " + tasks.tasks().size() + " task(s) submitted from " + file);
        return submitted;
    }

    private static SubmitRequest request(TaskEntry t, Path base) {
        String log = null;
        if (t.errorLog() != null) {
            try {
                log = Files.readString(base.resolve(t.errorLog()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("task " + t.name() + ": errorLog " + t.errorLog() + " cannot be read (" + e.getMessage() + ")");
            }
        }
        BudgetRequest budget = new BudgetRequest(t.maxIterations(), t.maxCandidates(),
                t.timeoutPerCandidate() == null ? null : t.timeoutPerCandidate() * 1000,
                t.jobTimeout() == null ? null : t.jobTimeout() * 1000);
        return new SubmitRequest(t.repo().strip(), t.ref(), t.task() == null ? SubmitCommand.DEFAULT_TASK : t.task(),
                t.testCommand(), log, budget, t.kind() == null ? null : t.kind().strip().toUpperCase(Locale.ROOT),
                t.models(), t.gates(), t.priority(), t.reproduceCommand());
    }
}
