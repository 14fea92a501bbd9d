package dev.pavu.workspace.source;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Copies a working tree, as the user sees it, into one commit of a fresh repository — reading the user's files
 * and index only, never writing to them.
 */
final class Snapshotter {

    /** Directories left out of a snapshot of a directory that is not a git working tree. */
    static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "build", "node_modules");
    static final String BRANCH = "refs/heads/snapshot";
    private static final PersonIdent IDENT =
            new PersonIdent("Pavu snapshot", "snapshot@pavu.invalid", Instant.EPOCH, ZoneOffset.UTC);

    private final DirCacheBuilder tree;
    private final ObjectInserter inserter;

    private Snapshotter(DirCacheBuilder tree, ObjectInserter inserter) {
        this.tree = tree;
        this.inserter = inserter;
    }

    /**
     * Stores the snapshot of {@code localDir} as a commit on {@link #BRANCH} of {@code target} (a bare repository).
     * The commit has a fixed author and date, so equal trees give equal commit ids.
     */
    static ObjectId snapshot(Path localDir, Repository target) throws IOException {
        return snapshot(localDir, target, true);
    }

    /**
     * As {@link #snapshot(Path, Repository)}; with {@code detectGit} false the directory is always taken as a plain
     * one, even below a git working tree (for trees unpacked from an upload, whose surroundings are the planner's).
     */
    static ObjectId snapshot(Path localDir, Repository target, boolean detectGit) throws IOException {
        DirCache index = DirCache.newInCore();
        try (ObjectInserter inserter = target.newObjectInserter()) {
            Snapshotter s = new Snapshotter(index.builder(), inserter);
            boolean asGit = false;
            try (Repository user = detectGit ? openUserRepository(localDir) : null) {
                // a directory the enclosing repository tracks nothing in (e.g. below a dotfiles repo) is a plain one
                if (user != null && tracksAnythingIn(user, localDir)) {
                    s.addGitTree(user, localDir);
                    asGit = true;
                }
            }
            if (!asGit) {
                s.addPlainTree(localDir, localDir, "");
            }
            s.tree.finish();
            ObjectId treeId = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setAuthor(IDENT);
            commit.setCommitter(IDENT);
            commit.setMessage("Snapshot of " + localDir.getFileName() + "\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = target.updateRef(BRANCH);
            update.setNewObjectId(commitId);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IOException("cannot record the snapshot commit: " + result);
            }
            return commitId;
        }
    }

    /** The git repository whose working tree holds {@code dir}, or {@code null}; opened read-only in practice. */
    private static Repository openUserRepository(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        Repository repo = builder.setMustExist(true).build();
        if (repo.isBare()) {
            repo.close();
            return null;
        }
        return repo;
    }

    /** A subdirectory of a working tree counts as part of it only when the index has files in it. */
    private static boolean tracksAnythingIn(Repository repo, Path dir) throws IOException {
        String prefix = prefix(repo, dir);
        return prefix.isEmpty() || repo.readDirCache().getEntriesWithin(prefix).length > 0;
    }

    private static String prefix(Repository repo, Path dir) throws IOException {
        Path workTree = repo.getWorkTree().toPath().toRealPath();
        Path real = dir.toRealPath();
        return workTree.equals(real) ? "" : workTree.relativize(real).toString().replace(File.separatorChar, '/');
    }

    /** Tracked files present in the working tree plus untracked files that are not ignored, with their bytes on disk. */
    private void addGitTree(Repository repo, Path localDir) throws IOException {
        Path workTree = repo.getWorkTree().toPath().toRealPath();
        String prefix = prefix(repo, localDir);
        try (TreeWalk walk = new TreeWalk(repo)) {
            int dcIndex = walk.addTree(new DirCacheIterator(repo.readDirCache()));
            FileTreeIterator files = new FileTreeIterator(repo);
            files.setWalkIgnoredDirectories(true); // tracked files may live in ignored directories
            int wtIndex = walk.addTree(files);
            if (!prefix.isEmpty()) {
                walk.setFilter(PathFilter.create(prefix));
            }
            walk.setRecursive(false);
            while (walk.next()) {
                WorkingTreeIterator wt = walk.getTree(wtIndex, WorkingTreeIterator.class);
                DirCacheIterator tracked = walk.getTree(dcIndex, DirCacheIterator.class);
                if (wt == null) {
                    continue; // tracked but deleted from the working tree
                }
                String path = walk.getPathString();
                boolean insidePrefix = prefix.isEmpty() || path.startsWith(prefix + "/");
                if (tracked == null && wt.isEntryIgnored()) {
                    continue;
                }
                FileMode mode = walk.getFileMode(wtIndex);
                if (walk.isSubtree()) {
                    walk.enterSubtree();
                    continue;
                }
                if (!insidePrefix) {
                    continue;
                }
                String name = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
                Path file = workTree.resolve(path);
                if (FileMode.GITLINK.equals(mode)) {
                    addPlainTree(file, file, name + "/"); // nested repository or submodule: its files as they are
                } else {
                    addFile(file, name);
                }
            }
        }
    }

    /** Every file below {@code dir} except the {@link #SKIPPED_DIRS}. */
    private void addPlainTree(Path base, Path dir, String prefix) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && SKIPPED_DIRS.contains(d.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    addFile(file, prefix + base.relativize(file).toString().replace(File.separatorChar, '/'));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                throw new IOException("cannot read " + file + ": " + exc.getMessage(), exc);
            }
        });
    }

    private static boolean isExecutable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }

    private void addFile(Path file, String name) throws IOException {
        DirCacheEntry entry = new DirCacheEntry(name);
        ObjectId blob;
        if (Files.isSymbolicLink(file)) {
            entry.setFileMode(FileMode.SYMLINK);
            blob = inserter.insert(Constants.OBJ_BLOB,
                    Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            entry.setFileMode(isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
            try (InputStream in = Files.newInputStream(file)) {
                blob = inserter.insert(Constants.OBJ_BLOB, Files.size(file), in);
            }
        } else {
            return; // sockets, fifos, devices
        }
        entry.setObjectId(blob);
        tree.add(entry);
    }
}
