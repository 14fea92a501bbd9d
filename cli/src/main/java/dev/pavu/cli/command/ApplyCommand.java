package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.git.FixApplication;
import dev.pavu.cli.git.FixCommitMessage;
import dev.pavu.cli.git.LocalRepository;
import dev.pavu.cli.output.JobViews;
import dev.pavu.cli.output.Json;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pavu apply ID [--dir DIR] [--branch NAME] [--commit] [--push REMOTE]}: applies a job's verified patch to the
 * user's git working tree with JGit. Before writing anything it checks that the tree has no uncommitted changes and
 * holds the job's base (for a git-URL job its commit; for an uploaded folder, a folder whose snapshot equals the
 * job's). With {@code --commit} the fix becomes a commit (on {@code pavu/fix-<id>} unless {@code --branch} names
 * another) whose message names the job, the pattern or model and the tests that now pass.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a job's verified patch to your git working tree; --commit makes it a commit on a branch.",
                "Refuses a working tree with uncommitted changes, or one that no longer holds what the job started from."})
public class ApplyCommand implements Callable<Integer> {

    /** Branch prefix used by {@code --commit} without {@code --branch}. */
    static final String DEFAULT_BRANCH_PREFIX = "pavu/fix-";

    @ParentCommand
    PavuCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "job id")
    String id;

    @Option(names = "--dir", paramLabel = "DIR", description = "the project folder the job was submitted from (default: the current directory)")
    Path dir;

    @Option(names = "--branch", paramLabel = "NAME", description = "create this branch at the job's base commit and apply the fix there")
    String branch;

    @Option(names = "--commit", description = "commit the fix (on --branch, else on pavu/fix-<first 8 characters of the id>)")
    boolean commit;

    @Option(names = "--push", paramLabel = "REMOTE", description = "push the branch to this remote after committing (HTTPS credentials from PAVU_GIT_USERNAME and PAVU_GIT_TOKEN)")
    String push;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx();
        if (push != null && !commit) {
            throw CliException.usage("--push needs --commit: there is nothing to push before the fix is committed");
        }
        Path project = (dir == null ? ctx.workingDir() : ctx.workingDir().resolve(dir)).normalize();
        if (!Files.isDirectory(project)) {
            throw CliException.usage(project + " is not a directory; give the folder the job was submitted from with --dir");
        }
        PlannerClient planner = root.planner();
        JsonNode view = planner.job(id);
        String patch = planner.patch(id).orElseThrow(() -> CliException.failed("job " + id + " has no patch: "
                + (JobViews.outcome(view) == null ? "it is still " + JobViews.state(view) : "it " + JobViews.outcome(view))));
        if (patch.isBlank()) {
            throw CliException.failed("job " + id + " concluded with an empty patch: there is nothing to apply");
        }
        String name = branch != null ? branch : commit ? DEFAULT_BRANCH_PREFIX + id.substring(0, Math.min(8, id.length())) : null;
        try (LocalRepository repo = LocalRepository.open(project)) {
            repo.requireClean();
            ObjectId base = repo.base(Json.text(view, "source.kind"), Json.text(view, "source.commit"), project);
            String message = commit ? FixCommitMessage.of(id, view, planner.events(id, 0)) : null;
            FixApplication.Result done = FixApplication.apply(repo, base,
                    patch.endsWith("\n") ? patch : patch + "\n",
                    new FixApplication.Request(name, commit, message, push), ctx.env());
            ctx.out().println("applied job " + id + "'s fix to " + String.join(", ", done.files())
                    + " on branch " + done.branch());
            if (done.commit() != null) {
                ctx.out().println("committed " + done.commit());
            }
            if (done.pushed() != null) {
                ctx.out().println("pushed " + done.branch() + " to " + done.pushed());
            }
        }
        return CliException.OK;
    }
}
