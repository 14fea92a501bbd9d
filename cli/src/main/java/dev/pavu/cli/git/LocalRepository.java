package dev.pavu.cli.git;

import dev.pavu.cli.CliException;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.SourceException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user's git working tree a fix is applied to, and the checks made before anything is written: the tree is clean
 * and holds the commit the job started from.
 *
 * @param git    the repository (closed by {@link #close()})
 * @param prefix the project's directory inside the working tree, {@code /}-separated; empty when it is the root
 */
public record LocalRepository(Git git, String prefix) implements AutoCloseable {

    /**
     * Opens the working tree that holds {@code dir}.
     *
     * @param dir the project's directory (the one that was submitted)
     * @return the repository and the directory's place in it
     * @throws CliException (exit 1) when {@code dir} is not inside a non-bare git working tree
     */
    public static LocalRepository open(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw CliException.failed(dir + " is not inside a git working tree; 'pavu apply' makes branches and commits "
                    + "with git — run 'git init' there first, or apply the fix with 'pavu patch ID | patch -p1'");
        }
        try {
            Repository repo = builder.setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                throw CliException.failed(dir + " is in a bare repository; run 'pavu apply' in a working tree");
            }
            Path top = repo.getWorkTree().toPath().toRealPath();
            Path real = dir.toRealPath();
            String prefix = top.equals(real) ? "" : top.relativize(real).toString().replace(File.separatorChar, '/');
            return new LocalRepository(new Git(repo), prefix);
        } catch (IOException e) {
            throw CliException.failed("cannot open the git repository of " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a working tree with uncommitted changes to tracked files (untracked files are allowed and left alone).
     *
     * @throws CliException (exit 1) naming up to five changed files
     */
    public void requireClean() {
        try {
            Status status = git.status().call();
            if (status.hasUncommittedChanges()) {
                Set<String> changed = new TreeSet<>(status.getUncommittedChanges());
                throw CliException.failed("the working tree has uncommitted changes (" + changed.size() + " file"
                        + (changed.size() == 1 ? "" : "s") + ": " + String.join(", ", changed.stream().limit(5).toList())
                        + (changed.size() > 5 ? ", …" : "") + "); commit or stash them first — 'pavu apply' does not "
                        + "mix the fix with your own edits");
            }
        } catch (GitAPIException e) {
            throw CliException.failed("cannot read the status of the working tree: " + e.getMessage());
        }
    }

    /**
     * The commit a job started from, in this repository.
     *
     * @param sourceKind   {@code git} (a commit of a remote repository) or {@code bundle} (a snapshot of a folder)
     * @param sourceCommit the job's resolved commit
     * @param projectDir   the folder that was submitted, for {@code bundle} jobs
     * @return for {@code git}, that commit; for {@code bundle}, {@code HEAD} once the folder's snapshot equals the job's
     * @throws CliException (exit 1) when the commit is missing, or the folder no longer holds what was submitted
     */
    public ObjectId base(String sourceKind, String sourceCommit, Path projectDir) {
        if (sourceCommit == null) {
            throw CliException.failed("the job has no resolved source commit; it never got past resolving its source");
        }
        try {
            if ("git".equals(sourceKind)) {
                ObjectId id;
                try {
                    id = git.getRepository().resolve(sourceCommit + "^{commit}");
                } catch (MissingObjectException e) {
                    id = null;
                }
                if (id == null) {
                    throw CliException.failed("the job's base commit " + sourceCommit + " is not in this repository; "
                            + "fetch it first (git fetch <url> <ref>) and run 'pavu apply' again");
                }
                return id;
            }
            String now;
            try {
                now = GitSources.snapshotId(projectDir);
            } catch (SourceException e) {
                throw CliException.failed(e.getMessage());
            }
            if (!now.equals(sourceCommit)) {
                throw CliException.failed(projectDir + " no longer holds the tree the job was submitted with (snapshot "
                        + abbrev(now) + ", the job's " + abbrev(sourceCommit) + "): apply from the folder and commit "
                        + "you submitted, or take the diff with 'pavu patch ID' and apply it with 'git apply -3'");
            }
            ObjectId head = git.getRepository().resolve("HEAD^{commit}");
            if (head == null) {
                throw CliException.failed("the repository has no commit yet; commit your project first");
            }
            return head;
        } catch (IOException e) {
            throw CliException.failed("cannot read the repository: " + e.getMessage());
        }
    }

    static String abbrev(String id) {
        return id.length() > 10 ? id.substring(0, 10) : id;
    }

    @Override
    public void close() {
        git.getRepository().close();
        git.close();
    }
}
