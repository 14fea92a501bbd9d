package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stages a whole diff in memory, then (for {@code apply}) commits it to disk all or nothing.
 *
 * <p>Commit: every new content is first written to a temporary file beside its target; then each original is
 * renamed to a backup and the temporary file renamed into place; on any failure the renames are undone, the
 * temporary files and created directories removed. Backups are deleted once every file is in place.
 */
final class PatchApplier {

    private static final Logger LOG = Logger.getLogger(PatchApplier.class);

    /** One file's staged outcome. {@code after == null} means deleted. */
    private record Staged(String path, Path target, byte[] before, TextFile after) {
        boolean existed() {
            return before != null;
        }
    }

    /** Renames a file; a seam so that tests can make the commit phase fail half way. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    static final Mover ATOMIC = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

    private PatchApplier() {
    }

    static ApplyResult run(Path root, String diff, boolean write) {
        return run(root, diff, write, ATOMIC);
    }

    static ApplyResult run(Path root, String diff, boolean write, Mover mover) {
        List<FilePatch> patches = DiffParser.parse(diff);
        if (patches.isEmpty()) {
            return ApplyResult.empty();
        }
        Path realRoot = realRoot(root);
        Map<String, Staged> staged = new LinkedHashMap<>();
        int hunks = 0;
        for (FilePatch fp : patches) {
            String path = fp.path();
            Path target = PathPolicy.resolve(realRoot, path);
            Staged previous = staged.get(path);
            byte[] before;
            TextFile now;
            if (previous != null) {
                before = previous.before();
                now = previous.after();
            } else {
                before = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? read(target, path) : null;
                now = before == null ? null : TextFile.decode(before, path);
            }
            TextFile after = FileApplier.apply(fp, now);
            staged.put(path, new Staged(path, target, before, after));
            hunks += fp.hunks().size();
        }
        List<Staged> changes = new ArrayList<>();
        for (Staged s : staged.values()) {
            boolean unchanged = s.existed() && s.after() != null && Arrays.equals(s.before(), s.after().encode());
            boolean nothing = !s.existed() && s.after() == null;
            if (!unchanged && !nothing) {
                changes.add(s);
            }
        }
        if (write) {
            commit(realRoot, changes, mover);
        }
        return new ApplyResult(changes.stream().map(Staged::path).toList(), hunks);
    }

    private static Path realRoot(Path root) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("patch root " + root + " is not a directory");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("patch root " + root + " does not exist or cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path target, String path) {
        try {
            return Files.readAllBytes(target);
        } catch (IOException e) {
            throw new PatchRejectedException(Reason.IO, path, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void commit(Path root, List<Staged> changes, Mover mover) {
        List<Path> createdDirs = new ArrayList<>();
        Map<Staged, Path> temps = new LinkedHashMap<>();
        Map<Staged, Path> backups = new LinkedHashMap<>();
        List<Staged> placed = new ArrayList<>();
        try {
            for (Staged s : changes) {
                if (s.after() == null) {
                    continue;
                }
                Path parent = s.target().getParent();
                createDirectories(root, parent, createdDirs);
                Path temp = Files.createTempFile(parent, ".pavu-patch-", ".tmp");
                temps.put(s, temp);
                Files.write(temp, s.after().encode());
                if (s.existed()) {
                    copyPermissions(s.target(), temp);
                }
            }
            for (Staged s : changes) {
                if (s.existed()) {
                    Path backup = s.target().resolveSibling(".pavu-backup-" + UUID.randomUUID());
                    mover.move(s.target(), backup);
                    backups.put(s, backup);
                }
                if (s.after() != null) {
                    mover.move(temps.get(s), s.target());
                    temps.remove(s);
                    placed.add(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            rollback(placed, backups, temps, createdDirs);
            throw new PatchRejectedException(Reason.IO, null, "writing the patched files failed, nothing was changed: " + e, e);
        }
        for (Map.Entry<Staged, Path> b : backups.entrySet()) {
            try {
                Files.deleteIfExists(b.getValue());
            } catch (IOException e) {
                LOG.warnf("could not delete backup %s: %s", b.getValue(), e.getMessage());
            }
            if (b.getKey().after() == null) {
                removeEmptyParents(root, b.getKey().target().getParent());
            }
        }
    }

    private static void rollback(List<Staged> placed, Map<Staged, Path> backups, Map<Staged, Path> temps, List<Path> createdDirs) {
        for (Staged s : placed) {
            quietly(() -> Files.deleteIfExists(s.target()));
        }
        for (Map.Entry<Staged, Path> b : backups.entrySet()) {
            quietly(() -> Files.move(b.getValue(), b.getKey().target(), StandardCopyOption.ATOMIC_MOVE));
        }
        for (Path temp : temps.values()) {
            quietly(() -> Files.deleteIfExists(temp));
        }
        for (int k = createdDirs.size() - 1; k >= 0; k--) {
            Path dir = createdDirs.get(k);
            quietly(() -> Files.deleteIfExists(dir));
        }
    }

    private static void createDirectories(Path root, Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    private static void copyPermissions(Path from, Path to) {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            try {
                target.setPermissions(source.readAttributes().permissions());
            } catch (IOException e) {
                LOG.debugf("could not copy permissions of %s: %s", from, e.getMessage());
            }
        }
    }

    private static void removeEmptyParents(Path root, Path dir) {
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            Path empty = p;
            if (!quietly(() -> Files.delete(empty))) {
                return;
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static boolean quietly(IoAction action) {
        try {
            action.run();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cleanup step failed: %s", e.toString());
            return false;
        }
    }
}
