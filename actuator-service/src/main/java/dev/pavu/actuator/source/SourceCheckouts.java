package dev.pavu.actuator.source;

import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.actuator.config.ActuatorConfig;
import dev.pavu.contracts.SourceRef;
import dev.pavu.workspace.source.SourceCache;
import dev.pavu.workspace.source.SourceException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Read-only checkouts of job sources for the proposer: the bundle is fetched once from the planner
 * into the workspace library's {@link SourceCache} under {@code <home>/actuator/cache}, and each
 * (bundle, commit) is checked out once under {@code <home>/actuator/checkouts}. The actuator never
 * writes into a checkout (candidates are only dry-run), so one checkout serves every plan of a job;
 * the least recently used beyond {@code pavu.actuator.template.keep-checkouts} are removed.
 */
@ApplicationScoped
public class SourceCheckouts {

    private final Path checkouts;
    private final Path downloads;
    private final SourceCache cache;
    private final int keep;

    /**
     * @param config the actuator settings (home directory, how many checkouts to keep)
     * @param client the planner's source endpoint
     * @param limits what a checkout may hold ({@code pavu.sources.*}): a git bomb is refused before it is written
     */
    public SourceCheckouts(ActuatorConfig config, PlannerSourceClient client, SourceLimitsConfig limits) {
        Path base = config.home().resolve("actuator");
        this.checkouts = base.resolve("checkouts");
        this.downloads = base.resolve("downloads");
        this.keep = Math.max(1, config.template().keepCheckouts());
        this.cache = new SourceCache(base.resolve("cache"), sha -> {
            Path file = downloads.resolve(sha + "-" + UUID.randomUUID() + ".bundle");
            client.download(sha, file);
            return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
        }, SourceLimitsSettings.limits(limits));
    }

    /**
     * @param source a resolved source (commit and bundle SHA-256 set)
     * @return the root of a checkout of the source's commit; do not modify it
     * @throws SourceException when the source is not resolved, the bundle cannot be fetched or the commit
     *                         cannot be checked out
     */
    public synchronized Path checkout(SourceRef source) {
        if (source == null || !source.resolved()) {
            throw new SourceException("the plan's source is not resolved (no commit or bundle sha): nothing to check out");
        }
        Path dir = checkouts.resolve(source.bundleSha().substring(0, Math.min(16, source.bundleSha().length())) + "-"
                + source.commit());
        if (Files.isDirectory(dir)) {
            touch(dir);
            return dir;
        }
        Path tmp = checkouts.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(checkouts);
            long t0 = System.nanoTime();
            cache.checkout(source.bundleSha(), source.commit(), tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
            Log.infof("checked out %s at %s in %d ms", source.bundleSha(), source.commit(), (System.nanoTime() - t0) / 1_000_000);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another thread or process was faster: use theirs
            deleteTree(tmp);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new SourceException("cannot place the checkout of " + source.commit() + " in " + checkouts + ": " + e, e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        prune(dir);
        return dir;
    }

    private void prune(Path keepAlways) {
        try (Stream<Path> s = Files.list(checkouts)) {
            List<Path> dirs = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".tmp-") && !p.equals(keepAlways))
                    .sorted(Comparator.comparing(SourceCheckouts::lastUsed).reversed())
                    .toList();
            for (int i = keep - 1; i < dirs.size(); i++) {
                deleteTree(dirs.get(i));
            }
        } catch (IOException e) {
            Log.warnf("cannot prune old checkouts in %s: %s", checkouts, e.toString());
        }
    }

    private static FileTime lastUsed(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path dir) {
        try {
            Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // only the pruning order suffers
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("cannot delete %s: %s", root, e.toString());
        }
    }
}
