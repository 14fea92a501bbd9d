package dev.pavu.workspace.source;

import dev.pavu.workspace.diff.PathPolicy;
import dev.pavu.workspace.diff.PatchRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit's files into a fresh directory, byte for byte, without ever following a symbolic link: the tree
 * is first checked against {@link SourceLimits} (object sizes only), then every directory is created one level at a
 * time and refused when something other than a real directory is in the way, every file is created new
 * ({@code O_EXCL}, {@code O_NOFOLLOW}) and symbolic links are written as links. A tree holding
 * {@code dir -> /tmp/x} and {@code dir/file} is refused instead of writing {@code /tmp/x/file}.
 */
final class CheckoutWriter {

    private CheckoutWriter() {
    }

    /**
     * @param repoDir the bare repository holding the commit
     * @param commit  full commit id
     * @param dir     an existing, empty directory
     * @param limits  what the tree may hold; the check and the writing share {@link SourceLimits#timeout()}
     * @throws SourceException when the commit is missing, holds an unsafe path or a file below a link;
     *                         {@link SourceLimits.ExceededException} when it breaks a limit
     * @throws IOException     when writing fails
     */
    static void export(Path repoDir, String commit, Path dir, SourceLimits limits) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repoDir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo);
             ObjectReader reader = repo.newObjectReader();
             TreeWalk tree = new TreeWalk(repo, reader)) {
            RevCommit c = parse(walk, commit);
            String what = "commit " + commit.substring(0, 12);
            TreeLimits.Deadline deadline = new TreeLimits.Deadline(limits, "checking out " + what);
            TreeLimits.check(reader, c.getTree(), limits, what, deadline);
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            int written = 0;
            while (tree.next()) {
                if ((++written & 0xff) == 0) {
                    deadline.check();
                }
                String path = safe(tree.getPathString(), commit);
                Path file = directoriesFor(dir, path, commit).resolve(path.substring(path.lastIndexOf('/') + 1));
                FileMode mode = tree.getFileMode(0);
                ObjectId id = tree.getObjectId(0);
                try {
                    if (FileMode.GITLINK.equals(mode)) {
                        Files.createDirectory(file);
                    } else if (FileMode.SYMLINK.equals(mode)) {
                        String link = new String(reader.open(id).getBytes(), StandardCharsets.UTF_8);
                        Files.createSymbolicLink(file, Path.of(link));
                    } else {
                        ObjectLoader loader = reader.open(id);
                        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                            loader.copyTo(out);
                        }
                        if (FileMode.EXECUTABLE_FILE.equals(mode)) {
                            try {
                                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                            } catch (UnsupportedOperationException e) {
                                file.toFile().setExecutable(true);
                            }
                        }
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new SourceException(what + " holds '" + path + "' twice (a malformed tree); such a repository "
                            + "cannot be checked out", e);
                }
            }
            deadline.check();
        }
    }

    /**
     * Creates the parent directories of {@code path} below {@code root} one by one.
     *
     * @return the parent directory of {@code path}
     * @throws SourceException when a parent exists as a symbolic link or a file
     */
    private static Path directoriesFor(Path root, String path, String commit) throws IOException {
        Path current = root;
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            current = current.resolve(segments[i]);
            if (Files.isSymbolicLink(current)) {
                throw new SourceException("commit " + commit.substring(0, 12) + " holds '" + path + "' below the symbolic "
                        + "link '" + String.join("/", java.util.Arrays.copyOf(segments, i + 1)) + "'; writing it would "
                        + "follow the link out of the checkout, so such a repository cannot be checked out");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new SourceException("commit " + commit.substring(0, 12) + " holds '" + path + "' below the file '"
                        + String.join("/", java.util.Arrays.copyOf(segments, i + 1)) + "'; such a repository cannot be "
                        + "checked out");
            }
        }
        return current;
    }

    private static RevCommit parse(RevWalk walk, String commit) throws IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(commit));
        } catch (MissingObjectException e) {
            throw new SourceException("commit " + commit + " is not in the bundle; the job names a commit of another "
                    + "source, resolve the source again", e);
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException(commit + " is not a commit in the bundle; name a commit id", e);
        }
    }

    private static String safe(String path, String commit) {
        try {
            return PathPolicy.normalise(path);
        } catch (PatchRejectedException e) {
            throw new SourceException("commit " + commit + " holds an unsafe path: " + e.getMessage()
                    + "; such a repository cannot be checked out", e);
        }
    }
}
