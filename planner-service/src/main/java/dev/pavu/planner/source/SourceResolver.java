package dev.pavu.planner.source;

import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import dev.pavu.workspace.source.SourceLimits;
import dev.pavu.workspace.source.ZipSources;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Resolves a job's source — a git URL + ref, or an uploaded bundle + ref — to a commit and a bundle kept
 * in the {@link BundleStore}, through the workspace library's {@link GitSources}. Each resolution runs on
 * its own daemon thread and is abandoned after {@code pavu.planner.source-timeout}, so an unreachable
 * host never holds a job.
 */
@ApplicationScoped
public class SourceResolver {

    /** Network timeout of each connect / read while cloning. */
    static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final PlannerConfig config;
    private final BundleStore store;
    private final SubmittedUrls urls;
    /** File name ending of an upload kept as a zip archive (see {@code POST /jobs} with a {@code bundle} part). */
    public static final String ZIP_SUFFIX = ".zip";

    private final SourceLimits limits;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pavu-source-resolver");
        t.setDaemon(true);
        return t;
    });

    public SourceResolver(PlannerConfig config, BundleStore store, SubmittedUrls urls, SourceLimitsConfig limits) {
        this.config = config;
        this.store = store;
        this.urls = urls;
        this.limits = SourceLimitsSettings.limits(limits);
    }

    /**
     * @param jobId  the job (names the scratch folder)
     * @param gitUrl the repository URL, or {@code null} when {@code upload} is given
     * @param ref    branch, tag or commit; {@code null} for the default branch
     * @param upload an uploaded bundle, or {@code null}
     * @return the stored source
     * @throws SourceProblem with a reason a user can act on: unreachable or refused URL (see {@link SubmittedUrls}),
     *                      unknown ref, bad bundle, a source past the {@code pavu.sources.*} limits, timeout; the
     *                      reason holds no path of the planner's machine
     */
    public StoredSource resolve(String jobId, String gitUrl, String ref, Path upload) throws SourceProblem {
        Path work = config.workDir().resolve("resolve").resolve(jobId);
        String what = upload != null ? "the uploaded bundle" : gitUrl;
        Future<ResolvedSource> f = pool.submit(() -> {
            Files.createDirectories(work);
            if (upload != null && upload.getFileName().toString().endsWith(ZIP_SUFFIX)) {
                return ZipSources.fromZip(upload, work, limits); // unpacked with the limits, snapshotted, bundled
            }
            return upload != null ? GitSources.fromBundle(upload, ref, work, limits)
                    : GitSources.fromUrl(gitUrl, ref, work, READ_TIMEOUT, urls.policy(), limits);
        });
        long timeoutMs = config.sourceTimeout().toMillis();
        try {
            ResolvedSource r = f.get(timeoutMs, TimeUnit.MILLISECONDS);
            String sha = r.sha256().toLowerCase(Locale.ROOT);
            Path stored = store.put(r.bundle(), sha);
            return new StoredSource(r.commit(), sha, r.sizeBytes(), stored);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SourceProblem("could not resolve " + what + (ref == null ? "" : " at ref '" + ref + "'")
                    + " within " + timeoutMs / 1000 + " s; check that the repository is reachable from the planner, "
                    + "or upload it as a git bundle");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            Log.infof("source of job %s not resolved: %s", jobId, msg);
            throw new SourceProblem(HostPaths.redact(msg), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new SourceProblem("the planner stopped while resolving " + what);
        } catch (RuntimeException e) {
            Log.errorf(e, "could not store the source of job %s", jobId);
            throw new SourceProblem("could not store the source of " + what + ": " + HostPaths.redact(e.getMessage()), e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Deletes a folder tree, ignoring errors. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
