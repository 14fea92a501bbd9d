package dev.pavu.workspace.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Turns an uploaded zip archive of a project (a folder compressed by the user's system, or by the dashboard's form)
 * into a one-commit git bundle, as {@link GitSources#snapshot(Path, Path)} does for a local folder.
 *
 * <p>The archive is hostile: every entry name is checked before anything is written (no absolute paths, no
 * {@code ..}, no {@code .git} directory, no duplicates), bytes are counted as they are inflated rather than taken
 * from the headers (a zip bomb stops at {@link SourceLimits#maxBlobBytes()} or {@link SourceLimits#maxTotalBytes()}),
 * links are never created (a link stored in a zip becomes a small regular file), and nothing is executed. A single
 * top-level folder (as "compress folder" makes) becomes the project's root.
 */
public final class ZipSources {

    private ZipSources() {
    }

    /**
     * @param zip     the uploaded archive
     * @param workDir directory for the unpacked tree (deleted again) and the bundle; created when missing
     * @param limits  the limits the archive's files must keep
     * @return the snapshot commit and its bundle (ref {@code refs/heads/snapshot} and {@code HEAD})
     * @throws SourceException when the archive is not a readable zip, names a path outside the project, or holds
     *                         nothing; {@link SourceLimits.ExceededException} when it breaks a limit
     */
    public static ResolvedSource fromZip(Path zip, Path workDir, SourceLimits limits) {
        Path dir;
        Path tree;
        try {
            dir = Files.createDirectories(workDir);
            tree = Files.createTempDirectory(dir, ".unzip-");
        } catch (IOException e) {
            throw new SourceException("cannot create a work directory in " + workDir + ": " + e.getMessage(), e);
        }
        Path repoDir = null;
        try {
            unpack(zip, tree, limits);
            Path root = singleTopFolder(tree);
            repoDir = Files.createTempDirectory(dir, ".snapshot-");
            try (Repository repo = FileRepositoryBuilder.create(repoDir.toFile())) {
                repo.create(true);
                Bundles.quiet(repo);
                ObjectId commit = Snapshotter.snapshot(root, repo, false);
                return Bundles.write(repo, commit, Snapshotter.BRANCH, dir);
            }
        } catch (IOException e) {
            throw new SourceException("cannot read the uploaded archive: " + e.getMessage(), e);
        } finally {
            Files2.deleteQuietly(tree);
            if (repoDir != null) {
                Files2.deleteQuietly(repoDir);
            }
        }
    }

    /** Writes the archive's files below {@code tree}, checking names and counting bytes as it goes. */
    static void unpack(Path zip, Path tree, SourceLimits limits) throws IOException {
        ZipFile archive;
        try {
            archive = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new SourceException("the upload is not a readable zip archive (" + e.getMessage() + "); "
                    + "upload a .zip of the project folder or a git bundle");
        }
        try (archive) {
            Set<String> seen = new HashSet<>();
            long total = 0;
            int files = 0;
            byte[] buf = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = checkedName(e.getName());
                if (name == null) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new SourceException("the archive holds '" + name + "' twice; it is refused");
                }
                if (++files > limits.maxFiles()) {
                    throw new SourceLimits.ExceededException(SourceLimits.Limit.FILES,
                            "the archive holds more than " + limits.maxFiles() + " entries", String.valueOf(limits.maxFiles()));
                }
                int depth = name.split("/").length;
                if (depth > limits.maxDepth()) {
                    throw new SourceLimits.ExceededException(SourceLimits.Limit.DEPTH,
                            "'" + name + "' is nested " + depth + " deep", String.valueOf(limits.maxDepth()));
                }
                Path target = tree.resolve(name);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                long size = 0;
                try (InputStream in = archive.getInputStream(e);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        size += n;
                        total += n;
                        if (size > limits.maxBlobBytes()) {
                            throw new SourceLimits.ExceededException(SourceLimits.Limit.BLOB_BYTES,
                                    "'" + name + "' inflates to more than " + limits.maxBlobBytes() + " bytes",
                                    String.valueOf(limits.maxBlobBytes()));
                        }
                        if (total > limits.maxTotalBytes()) {
                            throw new SourceLimits.ExceededException(SourceLimits.Limit.TOTAL_BYTES,
                                    "the archive inflates to more than " + limits.maxTotalBytes() + " bytes",
                                    String.valueOf(limits.maxTotalBytes()));
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException("unpacking was stopped");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
            if (files == 0) {
                throw new SourceException("the archive holds no files; zip the project folder itself");
            }
        }
    }

    /**
     * @return the entry's path inside the project, {@code null} for entries that are skipped (the {@code __MACOSX}
     *         metadata folder), never a path that leaves the tree
     * @throws SourceException for an absolute path, a {@code ..} segment, a backslash or a {@code .git} folder
     */
    static String checkedName(String raw) {
        String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty() || name.startsWith("__MACOSX/") || name.equals("__MACOSX")) {
            return null;
        }
        boolean bad = name.startsWith("/") || name.contains("\\") || name.contains("\0") || name.matches("^[A-Za-z]:.*");
        for (String part : name.split("/", -1)) {
            bad |= part.isEmpty() || part.equals(".") || part.equals("..") || part.equalsIgnoreCase(".git");
        }
        if (bad) {
            throw new SourceException("the archive names '" + raw + "', which is outside the project or inside .git; "
                    + "it is refused and nothing of it is kept");
        }
        return name;
    }

    /** The one folder at the top of the tree when nothing else is there (a zipped folder), else the tree itself. */
    private static Path singleTopFolder(Path tree) throws IOException {
        try (var top = Files.list(tree)) {
            var entries = top.toList();
            return entries.size() == 1 && Files.isDirectory(entries.getFirst()) ? entries.getFirst() : tree;
        }
    }
}
