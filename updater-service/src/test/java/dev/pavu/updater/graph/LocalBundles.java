package dev.pavu.updater.graph;

import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The planner's {@code GET /sources/{sha}} played by the test: bundles the tests made with {@link GitSources#snapshot}
 * (a real git bundle, checked out by the real {@code SourceCache}), served from disk.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class LocalBundles implements GraphSources {

    private static final Map<String, Path> BUNDLES = new ConcurrentHashMap<>();
    /** Bundles opened, by SHA-256. */
    public static final Map<String, AtomicInteger> OPENED = new ConcurrentHashMap<>();

    /**
     * Snapshots a directory into a bundle the updater can fetch.
     *
     * @param dir     the project
     * @param workDir where to write the bundle (outside {@code dir})
     * @return the commit and bundle
     */
    public static ResolvedSource publish(Path dir, Path workDir) {
        ResolvedSource s = GitSources.snapshot(dir, workDir);
        BUNDLES.put(s.sha256(), s.bundle());
        return s;
    }

    @Override
    public InputStream open(String bundleSha) throws IOException {
        OPENED.computeIfAbsent(bundleSha, k -> new AtomicInteger()).incrementAndGet();
        Path p = BUNDLES.get(bundleSha);
        if (p == null) {
            throw new IOException("the test's planner has no bundle " + bundleSha);
        }
        return Files.newInputStream(p);
    }
}
