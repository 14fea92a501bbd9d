package dev.pavu.workspace.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jboss.logging.Logger;

/**
 * A local cache of source bundles and checkouts, shared by the services that build or patch a job's source.
 *
 * <p>Layout under {@code cacheDir}: {@code bundles/<sha>.bundle} (fetched once, SHA-256 verified),
 * {@code repos/<sha>.git} (a bare repository holding the bundle's objects), {@code pristine/<sha>/<commit>} and
 * {@code pristine/<sha>/<commit>.git} (reference checkouts without and with {@code .git}). A checkout copies the
 * pristine tree, so only the first checkout of a commit pays for the export.
 *
 * <p>Thread-safe; several processes may share a cache directory too: every entry is built under a temporary name and
 * renamed into place, and an entry that another process finished first is used as is.
 */
public class SourceCache {

    private static final Logger LOG = Logger.getLogger(SourceCache.class);

    private final Path cacheDir;
    private final BundleFetcher fetcher;
    private final SourceLimits limits;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * Creates a cache over a directory; nothing is read or written until the first checkout.
     *
     * @param cacheDir directory of the cache (created when missing)
     * @param fetcher  downloads a bundle by SHA-256 when it is not cached yet
     */
    public SourceCache(Path cacheDir, BundleFetcher fetcher) {
        this(cacheDir, fetcher, SourceLimits.DEFAULTS);
    }

    /**
     * Creates a cache whose checkouts keep within {@code limits}: a commit's tree is checked from object sizes before
     * any of its files is written, and writing stops at {@link SourceLimits#timeout()}.
     *
     * @param cacheDir directory of the cache (created when missing)
     * @param fetcher  downloads a bundle by SHA-256 when it is not cached yet
     * @param limits   what one checkout may hold
     */
    public SourceCache(Path cacheDir, BundleFetcher fetcher, SourceLimits limits) {
        this.cacheDir = cacheDir.toAbsolutePath();
        this.fetcher = fetcher;
        this.limits = limits;
    }

    /**
     * Same as {@link #checkout(String, String, Path, boolean)} without a {@code .git} directory.
     *
     * @param bundleSha SHA-256 of the bundle (64 hex characters)
     * @param commit    full commit id (40 hex characters; 64 for SHA-256 repositories)
     * @param target    directory to create (must not exist, or be empty)
     * @return {@code target}
     */
    public Path checkout(String bundleSha, String commit, Path target) {
        return checkout(bundleSha, commit, target, false);
    }

    /**
     * Ensures the bundle is cached (fetching it once and verifying its SHA-256), and materialises a fresh, writable
     * checkout of {@code commit} into {@code target}: the commit's files with their executable bits and symbolic
     * links (written as links, never followed: a file below a link is refused), and submodules as empty directories.
     * A commit breaking the cache's {@link SourceLimits} is refused before any file is written.
     *
     * @param bundleSha SHA-256 of the bundle (64 hex characters)
     * @param commit    full commit id (40 hex characters; 64 for SHA-256 repositories)
     * @param target    directory to create (must not exist, or be empty)
     * @param keepGit   also give the checkout a {@code .git} directory with the bundle's history and a detached
     *                  {@code HEAD} at {@code commit} (for tools that need git, e.g. {@code git diff})
     * @return {@code target}
     * @throws SourceException when an argument is malformed, {@code target} is not empty, the fetch fails, the
     *                         fetched bytes do not match {@code bundleSha} (nothing is cached then), the bundle is
     *                         unreadable or the commit is not in it; {@link SourceLimits.ExceededException} when the
     *                         commit breaks a limit
     */
    public Path checkout(String bundleSha, String commit, Path target, boolean keepGit) {
        String sha = checkHex(bundleSha, Files2.SHA256, "bundle sha256", "64 hex characters");
        String id = checkHex(commit, Files2.COMMIT, "commit id", "a full 40-character commit id");
        checkTarget(target);
        Path repo = repository(sha);
        Path pristine = pristine(sha, id, keepGit, repo);
        try {
            Files.createDirectories(target);
            Files2.copyTree(pristine, target);
        } catch (IOException e) {
            throw new SourceException("cannot copy the checkout of " + id + " to " + target + ": " + e.getMessage()
                    + "; check free space and permissions", e);
        }
        return target;
    }

    /**
     * Ensures the bundle is cached and returns its file, e.g. to hand it to a tool.
     *
     * @param bundleSha SHA-256 of the bundle (64 hex characters)
     * @return {@code cacheDir/bundles/<sha>.bundle}
     * @throws SourceException when the fetch fails or the bytes do not match {@code bundleSha}
     */
    public Path bundle(String bundleSha) {
        return bundleFile(checkHex(bundleSha, Files2.SHA256, "bundle sha256", "64 hex characters"));
    }

    private Path bundleFile(String sha) {
        Path file = cacheDir.resolve("bundles").resolve(sha + ".bundle");
        return locked("bundle:" + sha, file, () -> {
            Path dir = Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(dir, ".fetch-", ".tmp");
            try {
                MessageDigest digest = Files2.sha256();
                try (InputStream in = fetcher.fetch(sha);
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                    if (in == null) {
                        throw new IOException("the fetcher returned no data");
                    }
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new SourceException("cannot fetch bundle " + sha + ": " + GitSources.rootMessage(e)
                            + "; check that the planner serving GET /sources/" + sha + " is reachable", e);
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(sha)) {
                    throw new SourceException("the bundle fetched for sha256 " + sha + " has sha256 " + actual
                            + " (" + Files.size(tmp) + " bytes); it was refused and not cached — the download is "
                            + "corrupt or the server sent another file, retry or check the planner's source store");
                }
                moveIntoPlace(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.infof("cached bundle %s (%d bytes)", sha, Files.size(file));
        });
    }

    private Path repository(String sha) {
        Path repoDir = cacheDir.resolve("repos").resolve(sha + ".git");
        return locked("repo:" + sha, repoDir, () -> {
            Path bundle = bundleFile(sha);
            Path tmp = Files.createTempDirectory(Files.createDirectories(repoDir.getParent()), ".repo-");
            try {
                try (Repository repo = FileRepositoryBuilder.create(tmp.toFile())) {
                    repo.create(true);
                    DeadlineMonitor monitor = new DeadlineMonitor(limits.timeout());
                    try {
                        Bundles.fetchInto(repo, bundle, monitor);
                    } catch (GitAPIException | JGitInternalException e) {
                        if (monitor.expired()) {
                            throw new SourceLimits.ExceededException(SourceLimits.Limit.TIME, "importing bundle " + sha
                                    + " took longer than " + limits.timeout().toSeconds() + " s",
                                    limits.timeout().toSeconds() + "s");
                        }
                        throw e;
                    }
                } catch (GitAPIException | JGitInternalException e) {
                    throw new SourceException("bundle " + sha + " cannot be read (" + GitSources.rootMessage(e)
                            + "); the cached copy is removed, retry to fetch it again", e);
                }
                moveIntoPlace(tmp, repoDir);
            } catch (SourceException e) {
                Files.deleteIfExists(bundle);
                throw e;
            } finally {
                Files2.deleteQuietly(tmp);
            }
        });
    }

    private Path pristine(String sha, String commit, boolean keepGit, Path repoDir) {
        Path dir = cacheDir.resolve("pristine").resolve(sha).resolve(keepGit ? commit + ".git" : commit);
        return locked("pristine:" + sha + ":" + commit + ":" + keepGit, dir, () -> {
            Path tmp = Files.createTempDirectory(Files.createDirectories(dir.getParent()), ".checkout-");
            try {
                if (keepGit) {
                    cloneAt(repoDir, commit, tmp, limits);
                } else {
                    CheckoutWriter.export(repoDir, commit, tmp, limits);
                }
                moveIntoPlace(tmp, dir);
            } finally {
                Files2.deleteQuietly(tmp);
            }
        });
    }

    /**
     * The exported files of {@code commit} plus a {@code .git} holding the cached repository's branches and tags, a
     * detached {@code HEAD} at {@code commit} and an index matching it; files stay byte for byte as in the export.
     */
    private static void cloneAt(Path repoDir, String commit, Path dir, SourceLimits limits) throws IOException {
        CheckoutWriter.export(repoDir, commit, dir, limits);
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            Repository repo = git.getRepository();
            Bundles.quiet(repo);
            git.fetch().setRemote(repoDir.toString())
                    .setRefSpecs("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
                    .call();
            RefUpdate head = repo.updateRef(Constants.HEAD, true);
            head.setNewObjectId(ObjectId.fromString(commit));
            RefUpdate.Result result = head.forceUpdate();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IOException("cannot detach HEAD at " + commit + ": " + result);
            }
            git.reset().setMode(ResetCommand.ResetType.MIXED).setRef(commit).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new SourceException("cannot give the checkout of " + commit + " its git metadata: " + GitSources.rootMessage(e), e);
        }
    }

    private interface Build {
        void run() throws IOException;
    }

    /** Returns {@code entry}, building it under a per-key lock when it does not exist yet. */
    private Path locked(String key, Path entry, Build build) {
        if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return entry;
        }
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                build.run();
            }
            return entry;
        } catch (IOException e) {
            throw new SourceException("cannot prepare " + cacheDir.relativize(entry) + " in the source cache " + cacheDir
                    + ": " + e.getMessage() + "; check free space and permissions", e);
        } finally {
            lock.unlock();
        }
    }

    /** Renames a finished temporary entry into place; when another process was faster, keeps theirs. */
    private static void moveIntoPlace(Path tmp, Path entry) throws IOException {
        try {
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            LOG.debugf("%s was created concurrently; using the existing one", entry);
        }
    }

    private static String checkHex(String value, java.util.regex.Pattern pattern, String what, String expected) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!pattern.matcher(v).matches()) {
            throw new SourceException("malformed " + what + " '" + value + "': expected " + expected);
        }
        return v;
    }

    private static void checkTarget(Path target) {
        if (target == null) {
            throw new SourceException("no target directory given for the checkout");
        }
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || !Files2.isEmptyDir(target))) {
                throw new SourceException("checkout target " + target + " already exists and is not an empty directory; "
                        + "give a new directory for every checkout");
            }
        } catch (IOException e) {
            throw new SourceException("cannot inspect checkout target " + target + ": " + e.getMessage(), e);
        }
    }
}
