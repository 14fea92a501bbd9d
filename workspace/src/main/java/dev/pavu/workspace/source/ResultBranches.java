package dev.pavu.workspace.source;

import dev.pavu.workspace.diff.ApplyResult;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jboss.logging.Logger;

/**
 * Pushes a job's verified fix back to the repository it came from, as a new branch: the commit is built with JGit
 * from the job's stored bundle (the exact history the job verified) — the base commit's tree with the patch applied
 * through {@link UnifiedDiffs#apply} (its path policy: no {@code .git/}, no writing through symbolic links, nothing
 * outside the tree) — and pushed to {@code refs/heads/<branch>}, never forced.
 *
 * <p>Idempotent: the commit's author and committer time are given by the caller (the job's conclusion), so the same
 * job always makes the same commit id; a push that finds the branch already at that commit succeeds without sending
 * anything ({@link Pushed#alreadyThere()}). A branch holding anything else is never overwritten.
 *
 * <p>Credentials travel only to the URL's own scheme, host and port (a redirect elsewhere is refused before it
 * connects), every connection passes the {@link RemotePolicy}, a URL carrying its own user info is refused, and the
 * password is never part of a message: {@link PushException} texts are scrubbed of it.
 */
public final class ResultBranches {

    private static final Logger LOG = Logger.getLogger(ResultBranches.class);

    private ResultBranches() {
    }

    /**
     * What to push.
     *
     * @param url        the job's {@code http(s)://} URL, as submitted (no user info)
     * @param bundle     the job's stored bundle, holding {@code baseCommit}
     * @param baseCommit the commit the job started from (40 hex)
     * @param patch      the job's verified unified diff (not blank)
     * @param branch     the branch to create, without {@code refs/heads/}
     * @param message    the commit message
     * @param author     name and e-mail of author and committer
     * @param when       author and committer time (the job's conclusion), so that the commit id is stable
     */
    public record Request(String url, Path bundle, String baseCommit, String patch, String branch, String message,
                          Identity author, Instant when) {
        /** Checks that every part is there. */
        public Request {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(baseCommit, "baseCommit");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(when, "when");
        }
    }

    /**
     * @param name  e.g. {@code Pavu}
     * @param email e.g. {@code pavu@example.com}
     */
    public record Identity(String name, String email) {
    }

    /**
     * HTTP basic credentials. The password is a copy the caller should {@link #clear()} after the push.
     *
     * @param username the user name
     * @param password the password or token
     */
    public record Credential(String username, char[] password) {
        /** Overwrites the password. */
        public void clear() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }

    /**
     * What was pushed.
     *
     * @param commit      the fix commit's id (40 hex)
     * @param branch      the full ref, {@code refs/heads/<branch>}
     * @param files       files the patch changed
     * @param alreadyThere true when the branch already held this commit (a repeated push sent nothing)
     */
    public record Pushed(String commit, String branch, List<String> files, boolean alreadyThere) {
    }

    /**
     * The push failed; the message says why and what to do, and never holds the password.
     */
    public static final class PushException extends RuntimeException {
        private final boolean retryable;

        PushException(String message, boolean retryable, Throwable cause) {
            super(message, cause, false, false);
            this.retryable = retryable;
        }

        /** @return true when trying again later may succeed (the network, the server's 5xx); false when it cannot */
        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * Builds the fix commit and pushes it.
     *
     * @param req        what to push
     * @param credential who to push as, or {@code null} for none
     * @param remotes    which hosts may be connected to ({@code http(s)://} only)
     * @param timeout    network timeout for connecting and each read
     * @param workDir    directory for the temporary repository (created when missing; removed afterwards)
     * @return the commit and the branch
     * @throws PushException when the URL is refused, the patch does not apply, the server refuses the credential or
     *                       the branch, or the network fails ({@link PushException#retryable()})
     */
    public static Pushed push(Request req, Credential credential, RemotePolicy remotes, Duration timeout, Path workDir) {
        char[] secret = credential == null ? new char[0] : credential.password();
        try {
            return pushUnscrubbed(req, credential, remotes, timeout, workDir);
        } catch (PushException e) {
            String scrubbed = scrub(e.getMessage(), secret);
            throw scrubbed.equals(e.getMessage()) ? e : new PushException(scrubbed, e.retryable(), null);
        }
    }

    private static Pushed pushUnscrubbed(Request req, Credential credential, RemotePolicy remotes, Duration timeout,
                                         Path workDir) {
        URIish uri = checkUrl(req.url(), remotes);
        if (!Repository.isValidRefName(Constants.R_HEADS + req.branch())) {
            throw new PushException("'" + req.branch() + "' is not a valid branch name", false, null);
        }
        if (req.patch() == null || req.patch().isBlank()) {
            throw new PushException("the job has no patch to push (nothing needed repair)", false, null);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(workDir), ".push-");
        } catch (IOException e) {
            throw new PushException("cannot create a temporary directory for the push: " + e.getMessage(), true, e);
        }
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve("repo.git").toFile())) {
            repo.create(true);
            Bundles.quiet(repo);
            repo.getConfig().setString("http", null, "followRedirects", "false");
            try {
                Bundles.fetchInto(repo, req.bundle());
            } catch (GitAPIException | JGitInternalException e) {
                throw new PushException("the job's stored bundle cannot be read (" + GitSources.rootMessage(e) + ")", false, e);
            }
            Built built = build(repo, dir.resolve("tree"), req);
            return send(repo, uri, built, req, credential, remotes, timeout);
        } catch (SourceException e) {
            throw new PushException("cannot check out the base commit " + req.baseCommit() + ": " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new PushException("cannot build the fix commit: " + e.getMessage(), true, e);
        } finally {
            Files2.deleteQuietly(dir);
        }
    }

    private static URIish checkUrl(String url, RemotePolicy remotes) {
        String checked;
        try {
            checked = remotes.checkUrl(url);
        } catch (SourceException e) {
            throw new PushException("the job's URL may not be pushed to: " + e.getMessage(), false, e);
        }
        try {
            URIish uri = new URIish(checked);
            if (uri.getUser() != null || uri.getPass() != null) {
                throw new PushException("the job's URL carries its own user info; it is never combined with a configured "
                        + "credential", false, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new PushException("'" + url + "' is not a valid URL", false, e);
        }
    }

    private record Built(ObjectId commit, List<String> files) {
    }

    /** Base tree + patch → a commit object in {@code repo} (nothing is referenced, nothing checked out in it). */
    private static Built build(Repository repo, Path tree, Request req) throws IOException {
        ObjectId base;
        RevCommit baseCommit;
        try (RevWalk walk = new RevWalk(repo)) {
            base = repo.resolve(req.baseCommit() + "^{commit}");
            if (base == null) {
                throw new PushException("the base commit " + req.baseCommit() + " is not in the job's bundle", false, null);
            }
            baseCommit = walk.parseCommit(base);
        }
        Files.createDirectories(tree);
        CheckoutWriter.export(repo.getDirectory().toPath(), base.name(), tree, SourceLimits.DEFAULTS);
        ApplyResult applied;
        try {
            applied = UnifiedDiffs.apply(tree, req.patch());
        } catch (PatchRejectedException e) {
            throw new PushException("the patch does not apply to the base commit " + base.name() + ": " + e.getMessage(),
                    false, e);
        }
        DirCache index = DirCache.newInCore();
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, baseCommit.getTree());
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (String path : applied.changedFiles()) {
                Path file = tree.resolve(path);
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                    continue;
                }
                DirCacheEntry old = index.getEntry(path);
                FileMode mode = old != null && old.getFileMode() == FileMode.EXECUTABLE_FILE
                        ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                ObjectId blob;
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    blob = inserter.insert(Constants.OBJ_BLOB, Files.size(file), in);
                }
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId treeId = index.writeTree(inserter);
            PersonIdent who = new PersonIdent(req.author().name(), req.author().email(), req.when(), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setParentId(base);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(req.message());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return new Built(id, applied.changedFiles());
        }
    }

    private static Pushed send(Repository repo, URIish uri, Built built, Request req, Credential credential,
                               RemotePolicy remotes, Duration timeout) {
        String ref = Constants.R_HEADS + req.branch();
        try (Transport transport = Transport.open(repo, uri)) {
            GuardedHttp.sameOrigin(remotes, URI.create(uri.toString()).toURL()).configure(transport);
            transport.setTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
            if (credential != null) {
                transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(credential.username(),
                        credential.password()));
            }
            // expected old id zero: create the branch, never move an existing one (same commit → UP_TO_DATE)
            RemoteRefUpdate update = new RemoteRefUpdate(repo, built.commit().name(), built.commit(), ref, false, null,
                    ObjectId.zeroId());
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate done = result.getRemoteUpdate(ref);
            RemoteRefUpdate.Status status = done == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED : done.getStatus();
            return switch (status) {
                case OK -> {
                    LOG.infof("pushed %s at %s to %s", ref, built.commit().name(), req.url());
                    yield new Pushed(built.commit().name(), ref, built.files(), false);
                }
                case UP_TO_DATE -> {
                    LOG.infof("%s at %s already holds %s: nothing pushed", req.url(), ref, built.commit().name());
                    yield new Pushed(built.commit().name(), ref, built.files(), true);
                }
                case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD, REJECTED_NODELETE -> throw new PushException(
                        "branch " + req.branch() + " already exists on " + req.url() + " with other commits; it is never "
                                + "overwritten — delete it there or submit the job again with another result branch name",
                        false, null);
                default -> throw new PushException("the server refused the branch " + req.branch() + ": " + status
                        + (done != null && done.getMessage() != null ? " (" + done.getMessage() + ")" : ""), false, null);
            };
        } catch (TransportException e) {
            throw transportFailure(req, e);
        } catch (JGitInternalException | IOException e) {
            throw new PushException("cannot push to " + req.url() + ": " + GitSources.rootMessage(e), true, e);
        }
    }

    /** An HTTP 401 or 403 in a message (not a port or a longer number such as {@code :40101}). */
    private static final java.util.regex.Pattern REFUSED_STATUS = java.util.regex.Pattern.compile("(?<![0-9:])40[13](?![0-9])");

    static PushException transportFailure(Request req, TransportException e) {
        String why = GitSources.rootMessage(e);
        String lower = why.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("redirect")) {
            return new PushException("cannot push to " + req.url() + ": the server redirected elsewhere (" + why
                    + "); credentials are sent only to the job's own URL, so nothing was pushed", false, e);
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("credentialsprovider")
                || REFUSED_STATUS.matcher(lower).find()) {
            return new PushException("the server refused the credential for " + req.url() + " (" + why + "); ask the "
                    + "operator to check the configured credential and its write access", false, e);
        }
        return new PushException("cannot push to " + req.url() + ": " + why + "; will try again", true, e);
    }

    /** {@return {@code text} with every occurrence of {@code secret} replaced by {@code ***}} */
    static String scrub(String text, char[] secret) {
        if (text == null || secret == null || secret.length < 1) {
            return text;
        }
        return text.replace(new String(secret), "***");
    }
}
