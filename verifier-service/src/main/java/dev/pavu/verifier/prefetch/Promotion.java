package dev.pavu.verifier.prefetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Adds what a prefetch staged to the shared local repository: every regular file of the staging repository (no
 * symbolic link is followed or copied) is copied to the same relative path, through a temporary file in the target
 * directory and an atomic move, never over an existing file, and never to a path outside the shared repository.
 * Resolver bookkeeping ({@code *.lastUpdated}, {@code resolver-status.properties}, lock and partial files) stays
 * behind. Maven's record of where a directory's files came from ({@code _remote.repositories}) is merged instead:
 * its missing lines are added (atomically, by replacing it with the merged copy), since Maven's offline run only takes a
 * file it finds recorded there.
 */
final class Promotion {

    static final String TRACKING = "_remote.repositories";

    /**
     * @param added   files copied into the shared repository (relative paths)
     * @param skipped files the shared repository already had
     */
    record Result(List<String> added, int skipped) {
    }

    private Promotion() {
    }

    /**
     * @param staging the staging repository
     * @param shared  the shared local repository
     * @return what was added
     * @throws IOException when the staging repository cannot be listed or a file cannot be written
     */
    static Result promote(Path staging, Path shared) throws IOException {
        Path from = staging.toAbsolutePath().normalize();
        Path to = shared.toAbsolutePath().normalize();
        Files.createDirectories(to);
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        List<String> added = new ArrayList<>();
        int skipped = 0;
        List<Path> tracking = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (bookkeeping(name)) {
                continue;
            }
            if (name.equals(TRACKING)) {
                tracking.add(f);
                continue;
            }
            Path target = target(from, to, f);
            if (copyNew(f, target)) {
                added.add(to.relativize(target).toString());
            } else {
                skipped++;
            }
        }
        // after the files they describe, so a reader never finds a record of a file not yet there
        for (Path f : tracking) {
            Path target = target(from, to, f);
            if (copyNew(f, target)) {
                added.add(to.relativize(target).toString());
            } else {
                merge(f, target);
            }
        }
        return new Result(added, skipped);
    }

    static boolean bookkeeping(String name) {
        return name.endsWith(".lastUpdated") || name.equals("resolver-status.properties") || name.endsWith(".lock")
                || name.endsWith(".part") || name.startsWith(".") || name.endsWith(".tmp");
    }

    private static Path target(Path from, Path to, Path file) throws IOException {
        Path rel = from.relativize(file);
        Path target = to.resolve(rel).normalize();
        if (rel.isAbsolute() || !target.startsWith(to) || target.equals(to)) {
            throw new IOException("refused: " + rel + " would leave the local repository " + to);
        }
        Path cur = to;
        for (Path part : to.relativize(target.getParent())) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                throw new IOException("refused: " + to.relativize(cur) + " in the local repository is a symbolic link");
            }
        }
        return target;
    }

    /** @return true when copied, false when the target existed */
    private static boolean copyNew(Path file, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".pavu-", ".tmp");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            try {
                // no REPLACE_EXISTING: a file that appeared meanwhile (another worker) is kept
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void merge(Path staged, Path target) throws IOException {
        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException("refused: " + target + " is not a regular file");
        }
        Set<String> lines = new LinkedHashSet<>(Files.readAllLines(target, StandardCharsets.UTF_8));
        int before = lines.size();
        for (String l : Files.readAllLines(staged, StandardCharsets.UTF_8)) {
            if (!l.startsWith("#") && !l.isBlank()) {
                lines.add(l);
            }
        }
        if (lines.size() == before) {
            return;
        }
        Path tmp = Files.createTempFile(target.getParent(), ".pavu-", ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
