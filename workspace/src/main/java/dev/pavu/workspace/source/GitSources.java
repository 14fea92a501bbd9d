package dev.pavu.workspace.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.jboss.logging.Logger;

/**
 * Resolves a job's source — a git URL and ref, an uploaded bundle, or a local working tree — to one commit and a
 * content-addressed git bundle {@code <workDir>/<sha256>.bundle} holding that commit's history.
 *
 * <p>Everything runs in process with JGit; no {@code git} binary is needed. Temporary repositories are created
 * inside {@code workDir} and removed before returning.
 */
public final class GitSources {

    /** Network timeout of {@link #fromUrl(String, String, Path)}: connecting and each read. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** A clone is abandoned after this many network timeouts in total, however steadily data arrives. */
    static final int TOTAL_TIMEOUTS = 20;

    private static final Logger LOG = Logger.getLogger(GitSources.class);
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/\\\\]+@[^/\\\\:]+:.*");

    private GitSources() {
    }

    /**
     * Fetches {@code url} with JGit (all branches and tags), resolves {@code ref} and bundles that commit's
     * history, with a {@link #DEFAULT_TIMEOUT} network timeout.
     *
     * @param url     {@code http(s)://…}, {@code git://…}, {@code file://…} or a local path to a repository
     * @param ref     branch, tag, full ref name, commit id, or {@code null} for the remote's {@code HEAD}
     * @param workDir directory for the bundle (created when missing)
     * @return the commit and its bundle {@code workDir/<sha256>.bundle}
     * @throws SourceException when the URL is unsupported, unreachable, needs authentication, times out, or the ref
     *                         is unknown
     * @see #fromUrl(String, String, Path, Duration)
     */
    public static ResolvedSource fromUrl(String url, String ref, Path workDir) {
        return fromUrl(url, ref, workDir, DEFAULT_TIMEOUT);
    }

    /**
     * Fetches all branches and tags of {@code url} with JGit into a temporary bare repository, resolves {@code ref} and writes a bundle of that
     * commit's history to {@code workDir/<sha256>.bundle}, advertising the commit as {@code HEAD} (and as the branch or
     * tag named by {@code ref}).
     *
     * @param url     {@code http(s)://…}, {@code git://…}, {@code file://…} or a local path to a repository;
     *                ssh URLs are refused (no credentials are ever used)
     * @param ref     branch ({@code main}), tag ({@code v1.2}), full ref name, full or abbreviated commit id, or
     *                {@code null} for the remote's default branch ({@code HEAD})
     * @param workDir directory for the bundle (created when missing)
     * @param timeout network timeout for connecting and for each read (whole seconds, at least 1); the whole clone is
     *                abandoned after {@value #TOTAL_TIMEOUTS} times this
     * @return the commit and its bundle
     * @throws SourceException when the URL is unsupported, unreachable, needs authentication, times out, or the ref
     *                         is unknown (the message lists the available branches and tags)
     */
    public static ResolvedSource fromUrl(String url, String ref, Path workDir, Duration timeout) {
        return fromUrl(url, ref, workDir, timeout, null, SourceLimits.DEFAULTS);
    }

    /**
     * Same as {@link #fromUrl(String, String, Path, Duration)} for a URL someone else submitted: the URL must pass
     * {@code remotes} ({@code http(s)://} to a public host; every HTTP connection of the fetch, redirects included, is
     * checked again), the resolved commit's tree must keep within {@code limits}, and an unknown ref's message does not
     * list the remote's branches and tags.
     *
     * @param url     the submitted URL
     * @param ref     branch, tag, full ref name, commit id, or {@code null} for the remote's {@code HEAD}
     * @param workDir directory for the bundle (created when missing)
     * @param timeout network timeout for connecting and each read (the whole fetch: {@value #TOTAL_TIMEOUTS} times it)
     * @param remotes which URLs may be fetched; {@code null} for any (the caller's own URLs: tests, tools)
     * @param limits  what the resolved commit's tree may hold
     * @return the commit and its bundle
     * @throws SourceException as {@link #fromUrl(String, String, Path, Duration)}, or when {@code remotes} refuses the
     *                         URL or a redirect; {@link SourceLimits.ExceededException} when the tree breaks a limit
     */
    public static ResolvedSource fromUrl(String url, String ref, Path workDir, Duration timeout, RemotePolicy remotes,
                                         SourceLimits limits) {
        String uri = remotes == null ? cloneUri(url) : remotes.checkUrl(url);
        Path dir = createDir(workDir);
        Path clone = tempDir(dir, ".clone-");
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        DeadlineMonitor monitor = new DeadlineMonitor(timeout.multipliedBy(TOTAL_TIMEOUTS));
        long started = System.nanoTime();
        try (Repository repo = FileRepositoryBuilder.create(clone.toFile())) {
            repo.create(true);
            Bundles.quiet(repo);
            FetchResult fetched = new Git(repo).fetch()
                    .setRemote(uri)
                    .setRefSpecs("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
                    .setTimeout(seconds)
                    .setProgressMonitor(monitor)
                    .setCheckFetchedObjects(true)
                    .setTransportConfigCallback(remotes == null ? null : new GuardedHttp(remotes))
                    .call();
            Map<String, ObjectId> refs = new LinkedHashMap<>();
            Bundles.advertised(fetched).forEach((name, id) -> {
                if (name.equals("HEAD") || name.startsWith("refs/heads/") || name.startsWith("refs/tags/")) {
                    refs.put(name, id);
                }
            });
            Ref head = fetched.getAdvertisedRef("HEAD");
            RefResolver.Resolved resolved = RefResolver.resolve(repo, refs, ref, url, remotes == null);
            String refName = resolved.refName();
            if (ref == null && head != null && head.isSymbolic()) {
                refName = head.getTarget().getName();
            }
            checkTree(repo, resolved.commit(), limits);
            ResolvedSource source = Bundles.write(repo, resolved.commit(), refName, dir);
            LOG.infof("resolved %s at %s to commit %s, bundle %s (%d bytes) in %d ms", url, ref == null ? "HEAD" : ref,
                    source.commit(), source.sha256(), source.sizeBytes(), (System.nanoTime() - started) / 1_000_000);
            return source;
        } catch (GitAPIException | JGitInternalException e) {
            String why = cloneFailure(url, e, monitor, timeout);
            throw new SourceException(remotes == null ? why : why.replace(" (http(s)://, git://, file:// or a local path)", ""), e);
        } catch (IOException e) {
            LOG.warnf(e, "cannot bundle %s in %s", url, dir);
            throw new SourceException("cannot bundle " + url + ": " + e.getClass().getSimpleName()
                    + "; the server's disk may be full, retry later", e);
        } finally {
            Files2.deleteQuietly(clone);
        }
    }

    /** Checks the commit's tree against the limits, reading object sizes only. */
    private static void checkTree(Repository repo, org.eclipse.jgit.revwalk.RevCommit commit, SourceLimits limits)
            throws IOException {
        String what = "commit " + commit.name().substring(0, 12);
        try (org.eclipse.jgit.lib.ObjectReader reader = repo.newObjectReader()) {
            TreeLimits.check(reader, commit.getTree(), limits, what, new TreeLimits.Deadline(limits, "checking " + what));
        }
    }

    /**
     * Validates an uploaded bundle and resolves it to a commit. The bundle is copied to
     * {@code workDir/<sha256>.bundle} unless it already is that file.
     *
     * @param bundle  a file made by {@code git bundle create} (v2 or v3), complete (no prerequisite commits)
     * @param ref     branch, tag, full ref name or commit id in the bundle; {@code null} for the bundle's {@code HEAD},
     *                or its only ref when it has no {@code HEAD}
     * @param workDir directory for the bundle (created when missing)
     * @return the commit and the bundle's place, SHA-256 and size
     * @throws SourceException when the file is missing, not a bundle, incomplete, or lacks the ref (the message
     *                         lists its refs) or when several refs and no {@code HEAD} make the choice ambiguous
     */
    public static ResolvedSource fromBundle(Path bundle, String ref, Path workDir) {
        return fromBundle(bundle, ref, workDir, SourceLimits.DEFAULTS);
    }

    /**
     * Same as {@link #fromBundle(Path, String, Path)}, refusing a bundle whose resolved commit's tree breaks
     * {@code limits} (checked from object sizes, before anything is checked out) or whose import takes longer than
     * {@link SourceLimits#timeout()}. Messages name the bundle by its file name only, never by its path.
     *
     * @param bundle  the bundle file
     * @param ref     branch, tag, full ref name or commit id in the bundle; {@code null} for its {@code HEAD}
     * @param workDir directory for the bundle (created when missing)
     * @param limits  what the resolved commit's tree may hold
     * @return the commit and the bundle's place, SHA-256 and size
     * @throws SourceException as {@link #fromBundle(Path, String, Path)}; {@link SourceLimits.ExceededException}
     *                         when the tree breaks a limit
     */
    public static ResolvedSource fromBundle(Path bundle, String ref, Path workDir, SourceLimits limits) {
        String name = bundle == null || bundle.getFileName() == null ? "the bundle" : "bundle " + bundle.getFileName();
        if (bundle == null || !Files.isRegularFile(bundle, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceException(name + " does not exist or is not a file; upload the file "
                    + "made by 'git bundle create repo.bundle --all'");
        }
        try {
            if (!Bundles.looksLikeBundle(bundle)) {
                throw new SourceException(name + " is not a git bundle (it must start with '# v2 git bundle'); "
                        + "create one with 'git bundle create repo.bundle --all' or 'git bundle create repo.bundle HEAD'");
            }
        } catch (IOException e) {
            LOG.warnf(e, "cannot read bundle %s", bundle);
            throw new SourceException("cannot read " + name + ": " + e.getClass().getSimpleName(), e);
        }
        Path dir = createDir(workDir);
        Path check = tempDir(dir, ".bundle-check-");
        DeadlineMonitor monitor = new DeadlineMonitor(limits.timeout());
        try (Repository repo = FileRepositoryBuilder.create(check.toFile())) {
            repo.create(true);
            Bundles.quiet(repo);
            Map<String, ObjectId> refs;
            try {
                refs = Bundles.fetchInto(repo, bundle, monitor);
            } catch (GitAPIException | JGitInternalException e) {
                if (monitor.expired()) {
                    throw new SourceLimits.ExceededException(SourceLimits.Limit.TIME, "importing " + name + " took longer than "
                            + limits.timeout().toSeconds() + " s", limits.timeout().toSeconds() + "s");
                }
                String why = rootMessage(e).replace(bundle.toAbsolutePath().toString(), bundle.getFileName().toString());
                throw new SourceException(why.toLowerCase().contains("prerequisite")
                        ? name + " is incomplete: it needs commits it does not contain (" + why
                                + "); create it from the whole history with 'git bundle create repo.bundle --all' or '... HEAD'"
                        : name + " cannot be read (" + why + "); re-create it with 'git bundle create repo.bundle --all'", e);
            }
            RefResolver.Resolved resolved = RefResolver.resolve(repo, refs, ref, name, true);
            checkTree(repo, resolved.commit(), limits);
            String sha = Files2.sha256(bundle);
            Path target = dir.resolve(sha + ".bundle");
            if (!Files.exists(target) || !Files.isSameFile(target, bundle)) {
                Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
                try {
                    Files.copy(bundle, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return new ResolvedSource(resolved.commit().name(), target, sha, Files.size(target));
        } catch (IOException e) {
            LOG.warnf(e, "cannot check bundle %s in %s", bundle, dir);
            throw new SourceException("cannot check " + name + ": " + e.getClass().getSimpleName()
                    + "; the server's disk may be full, retry later", e);
        } finally {
            Files2.deleteQuietly(check);
        }
    }

    /**
     * Snapshots a local directory exactly as the user sees it into a single-commit repository and bundles it. In a
     * git working tree (the directory, or one of its parents whose index tracks files in it, holds {@code .git}), the
     * snapshot holds the tracked files
     * as they are on disk (including uncommitted changes, without deleted ones) plus untracked files that are not
     * ignored; elsewhere it holds every file except those under {@code .git/}, {@code target/}, {@code build/} and
     * {@code node_modules/}. Symbolic links are stored as links, executable bits are kept. The commit has a fixed
     * author and date, so an unchanged tree gives the same commit id.
     *
     * <p>Never writes to {@code localDir} or its repository: both are only read.
     *
     * @param localDir the directory to snapshot
     * @param workDir  directory for the bundle (created when missing); must not be inside {@code localDir}
     * @return the snapshot commit and its bundle (ref {@code refs/heads/snapshot} and {@code HEAD})
     * @throws SourceException when {@code localDir} is not a readable directory or a file cannot be read
     */
    public static ResolvedSource snapshot(Path localDir, Path workDir) {
        if (localDir == null || !Files.isDirectory(localDir)) {
            throw new SourceException("cannot snapshot " + localDir + ": it is not a directory; run from your project's directory or pass its path");
        }
        Path dir = createDir(workDir);
        try {
            if (dir.toRealPath().startsWith(localDir.toRealPath())) {
                throw new SourceException("the work directory " + workDir + " is inside " + localDir
                        + "; the snapshot would include itself and write into your tree — choose a work directory elsewhere");
            }
        } catch (IOException e) {
            throw new SourceException("cannot resolve " + localDir + ": " + e.getMessage(), e);
        }
        Path repoDir = tempDir(dir, ".snapshot-");
        try (Repository repo = FileRepositoryBuilder.create(repoDir.toFile())) {
            repo.create(true);
            Bundles.quiet(repo);
            ObjectId commit = Snapshotter.snapshot(localDir, repo);
            return Bundles.write(repo, commit, Snapshotter.BRANCH, dir);
        } catch (IOException e) {
            throw new SourceException("cannot snapshot " + localDir + ": " + e.getMessage(), e);
        } finally {
            Files2.deleteQuietly(repoDir);
        }
    }

    /**
     * The commit id {@link #snapshot(Path, Path)} would give {@code localDir} now, computed in memory (nothing is
     * written anywhere). Equal ids mean the directory holds exactly the tree a job was submitted with.
     *
     * @param localDir the directory to snapshot
     * @return the 40-hex-digit snapshot commit id
     * @throws SourceException when {@code localDir} is not a readable directory or a file cannot be read
     */
    public static String snapshotId(Path localDir) {
        if (localDir == null || !Files.isDirectory(localDir)) {
            throw new SourceException("cannot snapshot " + localDir + ": it is not a directory");
        }
        try (Repository repo = new InMemoryRepository(new DfsRepositoryDescription("snapshot-id"))) {
            return Snapshotter.snapshot(localDir, repo).name();
        } catch (IOException e) {
            throw new SourceException("cannot snapshot " + localDir + ": " + e.getMessage(), e);
        }
    }

    /** The URI JGit should clone, or a {@link SourceException} for what we do not support. */
    static String cloneUri(String url) {
        if (url == null || url.isBlank()) {
            throw new SourceException("the source URL is empty; give an http(s):// or file:// URL or a local path to a git repository");
        }
        String u = url.strip();
        String lower = u.toLowerCase();
        if (lower.startsWith("ssh://") || lower.startsWith("git+ssh://") || (SCP_LIKE.matcher(u).matches() && !SCHEME.matcher(u).matches())) {
            throw new SourceException("ssh URLs such as " + u + " are not supported (Pavu uses no credentials); "
                    + "use the https:// URL of a public repository or upload a bundle ('git bundle create repo.bundle --all')");
        }
        if (SCHEME.matcher(u).matches()) {
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("git://")) {
                return u;
            }
            if (lower.startsWith("file://")) {
                Path local;
                try {
                    local = Path.of(URI.create(u));
                } catch (IllegalArgumentException e) {
                    throw new SourceException("malformed file URL " + u + ": " + e.getMessage() + "; write file:///absolute/path", e);
                }
                if (!Files.isDirectory(local)) {
                    throw new SourceException("local repository " + local + " (from " + u + ") does not exist; check the path");
                }
                return local.toString();
            }
            throw new SourceException("unsupported URL scheme in " + u + "; use http(s)://, git://, file:// or a local path");
        }
        Path local = Path.of(u).toAbsolutePath();
        if (!Files.isDirectory(local)) {
            throw new SourceException("local repository " + local + " does not exist; check the path, or give an http(s):// URL");
        }
        return local.toString();
    }

    private static String cloneFailure(String url, Exception e, DeadlineMonitor monitor, Duration timeout) {
        String why = rootMessage(e);
        String lower = why.toLowerCase();
        if (monitor.expired() || lower.contains("cancel")) {
            return "cloning " + url + " took longer than " + monitor.limit().toSeconds() + " s and was abandoned; "
                    + "check the network or upload a bundle instead";
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return "cannot clone " + url + ": no answer within " + timeout.toSeconds() + " s (" + why
                    + "); check that the host is reachable from the server";
        }
        if (lower.contains("auth") || lower.contains("credentialsprovider") || lower.contains("not authorized")) {
            return "cannot clone " + url + ": the repository needs authentication (" + why
                    + "); Pavu clones public repositories only — upload a bundle ('git bundle create repo.bundle --all') instead";
        }
        return "cannot clone " + url + ": " + why + "; check that the URL names a reachable git repository "
                + "(http(s)://, git://, file:// or a local path)";
    }

    static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (last == null || !last.contains(m)) {
                if (!sb.isEmpty()) {
                    sb.append(": ");
                }
                sb.append(m);
                last = m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static Path createDir(Path dir) {
        if (dir == null) {
            throw new SourceException("no work directory given for the bundle");
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SourceException("cannot create work directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path tempDir(Path dir, String prefix) {
        try {
            return Files.createTempDirectory(dir, prefix);
        } catch (IOException e) {
            throw new SourceException("cannot create a temporary directory in " + dir + ": " + e.getMessage(), e);
        }
    }
}
