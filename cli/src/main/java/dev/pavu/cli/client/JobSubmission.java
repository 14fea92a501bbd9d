package dev.pavu.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.JobViews;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Submits a job to the planner: a git URL as JSON, a local folder as a git bundle snapshot uploaded as
 * {@code multipart/form-data}. The user's folder is only read: the snapshot is made in a temporary
 * directory (deleted afterwards) and the folder's files, index and refs are left as they were.
 */
public final class JobSubmission {

    /** {@code scheme://…} or scp-like {@code user@host:path}. */
    private static final Pattern URL = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*://.+|[\\w.-]+@[\\w.-]+:.+)$");

    private final PlannerClient planner;
    private final Path workingDir;

    /**
     * @param planner    the planner
     * @param workingDir directory a relative {@code repo} path is resolved against
     */
    public JobSubmission(PlannerClient planner, Path workingDir) {
        this.planner = planner;
        this.workingDir = workingDir;
    }

    /**
     * @param repo the {@code --repo} value
     * @return true when it is a git URL rather than a local folder
     */
    public static boolean isUrl(String repo) {
        return URL.matcher(repo.strip()).matches();
    }

    /**
     * Submits the job.
     *
     * @param req      what to submit
     * @param progress receives one line per step (snapshot, upload)
     * @return the accepted job's view (has {@code id})
     * @throws CliException usage (2) for a folder that does not exist or a result branch without a git URL or a
     *                      credential, failed (1) when the snapshot fails, or as
     *                      {@link PlannerClient} for the upload
     */
    public JsonNode submit(SubmitRequest req, PrintStream progress) {
        boolean remote = isUrl(req.repo()) && !req.repo().strip().toLowerCase(Locale.ROOT).startsWith("file://");
        if (req.resultBranch() != null && !remote) {
            throw CliException.usage("--result-branch needs a git URL as --repo: the planner pushes the fix back there; "
                    + "for a local folder apply the fix with 'pavu apply ID --branch NAME --commit --push REMOTE'");
        }
        if (req.resultBranch() != null && req.pushCredential() == null) {
            throw CliException.usage("--result-branch needs --push-credential NAME: the push credential the operator "
                    + "configured for your team (pavu.git.credentials)");
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("task", req.task());
        job.put("testCommand", req.testCommand());
        if (req.errorLog() != null) {
            job.put("errorLog", req.errorLog());
        }
        if (req.reproduceCommand() != null) {
            job.put("reproduceCommand", req.reproduceCommand());
        }
        Map<String, Object> budget = req.budget().toJson();
        if (!budget.isEmpty()) {
            job.put("budget", budget);
        }
        if (req.kind() != null) {
            job.put("kind", req.kind());
        }
        if (!req.models().isEmpty()) {
            job.put("models", req.models());
        }
        if (req.gates() != null) {
            job.put("gates", req.gates());
        }
        if (req.priority() != null) {
            job.put("priority", req.priority());
        }

        if (req.repo().strip().toLowerCase(Locale.ROOT).startsWith("file://")) {
            // the planner clones only public http(s) URLs: a repository on this machine travels as a bundle
            return uploadLocalRepository(req, job, progress);
        }
        if (isUrl(req.repo())) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("gitUrl", req.repo().strip());
            source.put("ref", req.ref());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", source);
            body.putAll(job);
            if (req.resultBranch() != null) {
                body.put("resultBranch", Map.of("name", req.resultBranch(), "credential", req.pushCredential()));
            }
            progress.println("submitting " + req.repo().strip() + (req.ref() == null ? "" : " @ " + req.ref())
                    + " to " + planner.baseUrl());
            return planner.submitJson(body);
        }
        Path dir = workingDir.resolve(req.repo()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("--repo " + req.repo() + ": no such directory (" + dir + "); give a local project folder or a git URL");
        }
        if (req.ref() != null) {
            progress.println("note: --ref is ignored for a local folder: its working tree is snapshotted as it is");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("pavu-snapshot-");
            ResolvedSource src = snapshot(dir, work);
            progress.println(String.format(Locale.ROOT, "snapshot of %s: commit %s, bundle %s (%s)", dir,
                    src.commit().substring(0, Math.min(12, src.commit().length())),
                    src.sha256().substring(0, Math.min(12, src.sha256().length())), size(src.sizeBytes())));
            progress.println("uploading to " + planner.baseUrl());
            JsonNode accepted = planner.submitBundle(job, src.bundle());
            if (JobViews.id(accepted) == null) {
                throw CliException.failed("the planner's answer names no job id");
            }
            return accepted;
        } catch (IOException e) {
            throw CliException.failed("cannot create a temporary directory for the snapshot: " + e.getMessage());
        } finally {
            deleteQuietly(work);
        }
    }

    /** Bundles the repository a {@code file://} URL names, at {@code --ref} (its HEAD by default), and uploads it. */
    private JsonNode uploadLocalRepository(SubmitRequest req, Map<String, Object> job, PrintStream progress) {
        Path work = null;
        try {
            work = Files.createTempDirectory("pavu-bundle-");
            ResolvedSource src;
            try {
                src = GitSources.fromUrl(req.repo().strip(), req.ref(), work);
            } catch (RuntimeException e) {
                throw new CliException("cannot bundle " + req.repo().strip() + ": " + e.getMessage(), CliException.NOT_SUCCEEDED, e);
            }
            progress.println(String.format(Locale.ROOT, "bundled %s%s: commit %s (%s)", req.repo().strip(),
                    req.ref() == null ? "" : " @ " + req.ref(), src.commit().substring(0, Math.min(12, src.commit().length())),
                    size(src.sizeBytes())));
            progress.println("uploading to " + planner.baseUrl());
            JsonNode accepted = planner.submitBundle(job, src.bundle());
            if (JobViews.id(accepted) == null) {
                throw CliException.failed("the planner's answer names no job id");
            }
            return accepted;
        } catch (IOException e) {
            throw CliException.failed("cannot create a temporary directory for the bundle: " + e.getMessage());
        } finally {
            deleteQuietly(work);
        }
    }

    private static ResolvedSource snapshot(Path dir, Path work) {
        try {
            return GitSources.snapshot(dir, work);
        } catch (RuntimeException e) {
            throw new CliException("cannot snapshot " + dir + ": " + e.getMessage(), CliException.NOT_SUCCEEDED, e);
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
