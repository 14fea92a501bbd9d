package dev.pavu.workspace.source;

import dev.pavu.workspace.source.SourceLimits.ExceededException;
import dev.pavu.workspace.source.SourceLimits.Limit;
import java.io.IOException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks a commit's tree against {@link SourceLimits} from the object database alone — sizes come from
 * {@link ObjectReader#getObjectSize}, no file is written — and stops at the first limit broken, so even a tree of a
 * billion entries is refused after {@code maxFiles} of them.
 */
final class TreeLimits {

    /**
     * @param files files (symbolic links and submodules included)
     * @param dirs  directories
     * @param bytes sum of the files' sizes
     */
    record Totals(long files, long dirs, long bytes) {
    }

    /** Wall-clock deadline of a check or a write. */
    static final class Deadline {
        private final SourceLimits limits;
        private final long end;
        private final String what;

        Deadline(SourceLimits limits, String what) {
            this.limits = limits;
            this.end = System.nanoTime() + limits.timeout().toNanos();
            this.what = what;
        }

        /** @throws ExceededException when the deadline has passed */
        void check() {
            if (System.nanoTime() - end > 0) {
                throw new ExceededException(Limit.TIME, what + " took longer than " + limits.timeout().toSeconds() + " s",
                        limits.timeout().toSeconds() + "s");
            }
        }
    }

    private TreeLimits() {
    }

    /**
     * @param reader   reader of the repository holding the tree
     * @param tree     the commit's root tree
     * @param limits   the limits
     * @param what     how to name the source in messages, e.g. {@code "commit 1a2b3c4d5e6f"}
     * @param deadline the clock the check runs against (shared with a write that follows it)
     * @return what the tree holds
     * @throws ExceededException at the first limit broken
     * @throws IOException       when an object cannot be read
     */
    static Totals check(ObjectReader reader, AnyObjectId tree, SourceLimits limits, String what, Deadline deadline)
            throws IOException {
        long files = 0;
        long dirs = 0;
        long bytes = 0;
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                if (((files + dirs) & 0xff) == 0) {
                    deadline.check();
                }
                int depth = walk.getDepth() + 1;
                if (depth > limits.maxDepth()) {
                    throw new ExceededException(Limit.DEPTH, what + " holds a path nested deeper than " + limits.maxDepth()
                            + " directories (" + shorten(walk.getPathString()) + ")", Integer.toString(limits.maxDepth()));
                }
                if (walk.isSubtree()) {
                    if (++dirs > limits.maxFiles()) {
                        throw new ExceededException(Limit.FILES, what + " holds more than " + limits.maxFiles() + " directories",
                                Integer.toString(limits.maxFiles()));
                    }
                    walk.enterSubtree();
                    continue;
                }
                if (++files > limits.maxFiles()) {
                    throw new ExceededException(Limit.FILES, what + " holds more than " + limits.maxFiles() + " files",
                            Integer.toString(limits.maxFiles()));
                }
                if (FileMode.GITLINK.equals(walk.getFileMode(0))) {
                    continue; // a submodule: a commit of another repository, checked out as an empty directory
                }
                long size = reader.getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                if (size > limits.maxBlobBytes()) {
                    throw new ExceededException(Limit.BLOB_BYTES, what + " holds " + shorten(walk.getPathString()) + " of "
                            + size + " bytes, more than " + limits.maxBlobBytes() + " bytes per file",
                            Long.toString(limits.maxBlobBytes()));
                }
                bytes += size;
                if (bytes > limits.maxTotalBytes()) {
                    throw new ExceededException(Limit.TOTAL_BYTES, what + " holds more than " + limits.maxTotalBytes()
                            + " bytes of files", Long.toString(limits.maxTotalBytes()));
                }
            }
        }
        deadline.check();
        return new Totals(files, dirs, bytes);
    }

    private static String shorten(String path) {
        return path.length() <= 160 ? path : path.substring(0, 80) + "…" + path.substring(path.length() - 60);
    }
}
