package dev.pavu.workspace.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.FetchResult;

/** Writing git bundles into a content-addressed directory and reading them back into a repository. */
final class Bundles {

    private Bundles() {
    }

    /**
     * Writes a bundle of {@code commit}'s history, advertising it as {@code HEAD} and as {@code refName}, to
     * {@code dir/<sha256>.bundle}.
     */
    static ResolvedSource write(Repository repo, ObjectId commit, String refName, Path dir) throws IOException {
        Files.createDirectories(dir);
        BundleWriter writer = new BundleWriter(repo);
        writer.include("HEAD", commit);
        if (refName != null && !refName.equals("HEAD") && Repository.isValidRefName(refName)) {
            writer.include(refName, commit);
        }
        Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
        try {
            MessageDigest digest = Files2.sha256();
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)), digest)) {
                writer.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = dir.resolve(sha + ".bundle");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ResolvedSource(commit.name(), target, sha, Files.size(target));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Turns off automatic garbage collection of a repository we create: JGit would otherwise start it in the
     * background after a fetch, racing with our clean-up.
     */
    static void quiet(Repository repo) {
        StoredConfig config = repo.getConfig();
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
        config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        try {
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure repository " + repo.getDirectory() + ": " + e.getMessage(), e);
        }
    }

    /** {@return true when the file starts like a git bundle ({@code # v2 git bundle} or {@code # v3 git bundle})} */
    static boolean looksLikeBundle(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(16), StandardCharsets.US_ASCII);
            return head.equals("# v2 git bundle\n") || head.equals("# v3 git bundle\n");
        }
    }

    /**
     * Fetches every ref of a bundle into {@code repo} (refs keep their names) and returns the refs the bundle
     * advertises, {@code HEAD} included, by name.
     */
    static Map<String, ObjectId> fetchInto(Repository repo, Path bundle) throws GitAPIException {
        return fetchInto(repo, bundle, NullProgressMonitor.INSTANCE);
    }

    /** Same as {@link #fetchInto(Repository, Path)}; the import stops when {@code monitor} says it is cancelled. */
    static Map<String, ObjectId> fetchInto(Repository repo, Path bundle, ProgressMonitor monitor) throws GitAPIException {
        quiet(repo);
        FetchResult result = new Git(repo).fetch()
                .setRemote(bundle.toAbsolutePath().toString())
                .setRefSpecs("+refs/*:refs/*")
                .setCheckFetchedObjects(true)
                .setProgressMonitor(monitor)
                .call();
        return advertised(result);
    }

    /** The refs a fetch saw advertised, {@code HEAD} included, by full name. */
    static Map<String, ObjectId> advertised(FetchResult result) {
        Map<String, ObjectId> refs = new LinkedHashMap<>();
        for (Ref ref : result.getAdvertisedRefs()) {
            if (ref.getObjectId() != null) {
                refs.put(ref.getName(), ref.getObjectId());
            }
        }
        return refs;
    }
}
