package dev.pavu.cli.bench;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The commit of Pavu's own source tree that a bench run measured, read with JGit, so that saved results say which
 * code gave them.
 */
public final class SourceRevision {

    private SourceRevision() {
    }

    /**
     * @param dir a folder inside Pavu's checkout (e.g. {@code PAVU_ROOT})
     * @return the full id of {@code HEAD}, with {@code -dirty} appended when tracked files have uncommitted changes;
     *         {@code "unknown"} when {@code dir} is in no git repository or it cannot be read
     */
    public static String of(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return "unknown";
        }
        try (Repository repo = builder.build(); Git git = Git.wrap(repo)) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                return "unknown";
            }
            return head.name() + (git.status().call().hasUncommittedChanges() ? "-dirty" : "");
        } catch (IOException | GitAPIException | RuntimeException e) {
            return "unknown";
        }
    }
}
