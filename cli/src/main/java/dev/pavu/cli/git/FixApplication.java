package dev.pavu.cli.git;

import dev.pavu.cli.CliException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a job's verified patch to the user's repository with JGit: optionally on a new branch at the job's base
 * commit, optionally committed, optionally pushed.
 */
public final class FixApplication {

    /**
     * What {@code pavu apply} was asked to do.
     *
     * @param branch  the branch to create at the base commit and check out, or {@code null} to stay on the current one
     * @param commit  whether to commit the applied fix
     * @param message the commit message (used when {@code commit})
     * @param remote  the remote to push the branch to, or {@code null}
     */
    public record Request(String branch, boolean commit, String message, String remote) {
    }

    /**
     * What was done.
     *
     * @param branch the branch the fix is on (the current one when none was created)
     * @param commit the new commit's id, or {@code null} when not committed
     * @param files  repository-relative paths the patch changed
     * @param pushed the remote the branch was pushed to, or {@code null}
     */
    public record Result(String branch, String commit, List<String> files, String pushed) {
    }

    private FixApplication() {
    }

    /**
     * @param repo  the user's repository (already checked clean)
     * @param base  the commit the job started from
     * @param patch the job's patch, paths relative to the submitted folder
     * @param req   what to do
     * @param env   environment: {@code PAVU_GIT_USERNAME} and {@code PAVU_GIT_TOKEN} authenticate an HTTPS push
     * @return what was done
     * @throws CliException (exit 1) when the branch exists, {@code HEAD} is not the base without a new branch, the patch
     *                      does not apply, or the commit or push fails; nothing is committed then
     */
    public static Result apply(LocalRepository repo, ObjectId base, String patch, Request req, Map<String, String> env) {
        Git git = repo.git();
        Repository r = git.getRepository();
        try {
            String original = r.getBranch();
            String branch;
            if (req.branch() != null) {
                if (r.exactRef(Constants.R_HEADS + req.branch()) != null) {
                    throw CliException.failed("branch '" + req.branch() + "' already exists; choose another with --branch");
                }
                git.checkout().setCreateBranch(true).setName(req.branch()).setStartPoint(base.name()).call();
                branch = req.branch();
            } else {
                ObjectId head = r.resolve("HEAD^{commit}");
                if (!base.equals(head)) {
                    throw CliException.failed("HEAD is not the job's base commit " + LocalRepository.abbrev(base.name())
                            + "; give --branch NAME to apply the fix on a new branch there");
                }
                branch = r.getBranch();
            }
            List<String> inRepo = new ArrayList<>();
            for (String f : PatchPaths.files(patch)) {
                inRepo.add(repo.prefix().isEmpty() ? f : repo.prefix() + "/" + f);
            }
            String rewritten = PatchPaths.underPrefix(patch, repo.prefix());
            try {
                git.apply().setPatch(new ByteArrayInputStream(rewritten.getBytes(StandardCharsets.UTF_8))).call();
            } catch (GitAPIException | RuntimeException e) {
                rollBack(git, inRepo, req.branch() != null ? original : null);
                throw CliException.failed("the patch does not apply to " + LocalRepository.abbrev(base.name()) + ": "
                        + e.getMessage() + "; nothing was changed (take the diff with 'pavu patch ID' to merge it by hand)");
            }
            String commitId = null;
            if (req.commit()) {
                for (String f : inRepo) {
                    if (Files.exists(r.getWorkTree().toPath().resolve(f))) {
                        git.add().addFilepattern(f).call();
                    } else {
                        git.rm().addFilepattern(f).setCached(true).call();
                    }
                }
                RevCommit c = git.commit().setMessage(req.message()).call();
                commitId = c.name();
            }
            String pushed = null;
            if (req.remote() != null) {
                push(git, branch, req.remote(), env);
                pushed = req.remote();
            }
            return new Result(branch, commitId, inRepo, pushed);
        } catch (GitAPIException | IOException e) {
            throw CliException.failed("the fix could not be applied: " + e.getMessage()
                    + " (take the diff with 'pavu patch ID' to apply it by hand)");
        }
    }

    /** Puts back what a failed apply changed: the tree was clean before, so the index holds every original. */
    private static void rollBack(Git git, List<String> files, String originalBranch) {
        try {
            Repository r = git.getRepository();
            Path top = r.getWorkTree().toPath();
            RevCommit head = r.parseCommit(r.resolve("HEAD^{commit}"));
            for (String f : files) {
                try (TreeWalk inHead = TreeWalk.forPath(r, f, head.getTree())) {
                    if (inHead != null) {
                        git.checkout().setStartPoint(head).addPath(f).call();
                    } else {
                        Files.deleteIfExists(top.resolve(f));
                    }
                }
            }
            if (originalBranch != null) {
                String created = git.getRepository().getBranch();
                git.checkout().setName(originalBranch).call();
                git.branchDelete().setBranchNames(created).setForce(true).call();
            }
        } catch (GitAPIException | IOException e) {
            throw CliException.failed("the patch did not apply, and putting the working tree back failed too: "
                    + e.getMessage() + "; check 'git status'");
        }
    }

    private static void push(Git git, String branch, String remote, Map<String, String> env) throws GitAPIException {
        PushCommand push = git.push().setRemote(remote)
                .setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch));
        String token = env.get("PAVU_GIT_TOKEN");
        if (token != null && !token.isBlank()) {
            push.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    env.getOrDefault("PAVU_GIT_USERNAME", "pavu"), token));
        }
        for (PushResult result : push.call()) {
            for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw CliException.failed("the push of " + branch + " to " + remote + " was refused: " + u.getStatus()
                            + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")")
                            + "; the commit is on your local branch");
                }
            }
        }
    }
}
