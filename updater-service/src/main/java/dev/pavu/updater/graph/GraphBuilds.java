package dev.pavu.updater.graph;

import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.updater.graph.GraphModel.Built;
import dev.pavu.workspace.source.SourceCache;
import dev.pavu.workspace.source.SourceException;
import dev.pavu.workspace.source.SourceLimits;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds requested code graphs on a bounded pool of its own ({@code pavu.graph.workers} threads, at most
 * {@value #QUEUE} builds waiting; more are left to the sweep), never on a Kafka consumer's thread and never inside the
 * audit log's transaction: a request ({@link GraphRequests}) is a row written with the plan that names the commit, and
 * {@link Due} starts its build once that transaction has committed. A sweep at start and every
 * {@code pavu.graph.sweep-interval} builds graphs a crash, a full queue or a transient failure left queued, and ones
 * whose build was lost mid-way ({@code pavu.graph.stale-after}).
 *
 * <p>A build claims its row (so two replicas never build one graph), checks the commit out of the planner's bundle with
 * the workspace library's {@link SourceCache} (SHA-256 verified, within the {@code pavu.sources.*} limits, symbolic
 * links written as links, never through), builds with {@link JavaGraphBuilder} in a scratch directory, stores symbols,
 * edges and counts in one transaction, and deletes the checkout and the scratch directory. A source that breaks a
 * limit fails at once; other failures are retried up to {@code pavu.graph.max-attempts} times.
 */
@ApplicationScoped
public class GraphBuilds {

    /** Builds waiting for a worker at most. */
    static final int QUEUE = 100;

    /**
     * A graph was requested; fired inside the plan's transaction, observed after it commits.
     *
     * @param graphId the graph's row id
     */
    public record Due(long graphId) {
    }

    private final GraphStore store;
    private final GraphConfig config;
    private final SourceCache cache;
    private final Path workDir;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("graph-sweep").daemon().factory());
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public GraphBuilds(GraphStore store, GraphConfig config, GraphSources sources, SourceLimitsConfig limits) {
        this.store = store;
        this.config = config;
        this.cache = new SourceCache(Path.of(config.home(), "updater", "sources"), sources::open,
                SourceLimitsSettings.limits(limits));
        this.workDir = Path.of(config.home(), "updater", "graph-work");
        int n = Math.max(1, config.workers());
        this.workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("graph-build-", 0).daemon().factory());
    }

    void start(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            sweeper.scheduleWithFixedDelay(this::sweep, 0, config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** After the plan's transaction committed: build its graph now (or leave it to the sweep when the queue is full). */
    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due due) {
        submit(due.graphId());
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * Queues every due graph not queued yet.
     *
     * @return how many were queued
     */
    int sweep() {
        int queued = 0;
        try {
            for (long id : store.due(config.staleAfter(), config.maxAttempts(), QUEUE)) {
                queued += submit(id) ? 1 : 0;
            }
        } catch (RuntimeException e) {
            Log.warnf("code graphs: the sweep could not read due graphs (next one in %s): %s", config.sweepInterval(),
                    e.getMessage());
        }
        return queued;
    }

    private boolean submit(long id) {
        if (!inFlight.add(id)) {
            return false;
        }
        try {
            workers.execute(() -> {
                try {
                    build(id);
                } finally {
                    inFlight.remove(id);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.remove(id); // full or shutting down: the next sweep takes it
            return false;
        }
    }

    /**
     * Builds one graph if it is still due.
     *
     * @param id the graph's row id
     * @return whether this call built and stored it
     */
    boolean build(long id) {
        GraphStore.Claim claim;
        try {
            claim = store.claim(id, config.staleAfter(), config.maxAttempts()).orElse(null);
        } catch (RuntimeException e) {
            Log.warnf("code graph %d: cannot claim it, left to the sweep: %s", id, e.getMessage());
            return false;
        }
        if (claim == null) {
            return false; // built, building elsewhere, or given up
        }
        long start = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(workDir), "graph-" + id + "-");
            Path project = cache.checkout(claim.bundleSha(), claim.commit(), dir.resolve("src"));
            Built built = JavaGraphBuilder.build(project, Files.createDirectories(dir.resolve("scratch")),
                    JavaGraphBuilder.Settings.of(config));
            deleteTree(dir); // the checkout is not needed to store: free the disk before the write
            dir = null;
            long ms = (System.nanoTime() - start) / 1_000_000;
            QuarkusTransaction.requiringNew().timeout(300).run(() -> store.store(id, built, ms));
            Log.infof("code graph of %s (team %s) built in %d ms: %d symbols, %d edges, %s", claim.commit(),
                    claim.team(), ms, built.symbols().size(), built.edges().size(), built.stats());
            return true;
        } catch (SourceLimits.ExceededException e) {
            fail(claim, "the source breaks a limit: " + e.getMessage(), false);
        } catch (SourceException e) {
            fail(claim, "cannot check the source out: " + e.getMessage(), true);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            fail(claim, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
        return false;
    }

    private void fail(GraphStore.Claim claim, String reason, boolean transientFailure) {
        boolean retry = transientFailure && claim.attempts() < config.maxAttempts();
        Log.warnf("code graph of %s (team %s), attempt %d: %s%s", claim.commit(), claim.team(), claim.attempts(),
                reason, retry ? "; queued again for the next sweep" : "; given up");
        try {
            store.failed(claim.id(), reason, retry);
        } catch (RuntimeException e) {
            Log.warnf("code graph %d: cannot record the failure (the stale-build sweep retries it): %s", claim.id(),
                    e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) { // does not follow links: a link is deleted, never its target
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    Log.debugf("cannot delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            Log.warnf("cannot delete the graph build directory %s: %s", dir, e.getMessage());
        }
    }
}
