package dev.pavu.planner.source;

import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.repository.SourceBundleEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The planner's content-addressed store of git bundles: {@code $PAVU_HOME/planner/sources/<sha256>.bundle},
 * each with a row in {@code planner.source_bundles}. Served by {@code GET /sources/{sha}}.
 */
@ApplicationScoped
public class BundleStore {

    /** 64 hex characters. */
    public static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final PlannerConfig config;

    public BundleStore(PlannerConfig config) {
        this.config = config;
    }

    /**
     * Moves a freshly written bundle into the store (kept as is when the same content is already there).
     *
     * @param bundle the bundle file (moved away)
     * @param sha256 its SHA-256, 64 hex
     * @return the stored file
     * @throws UncheckedIOException when the store cannot be written
     */
    public Path put(Path bundle, String sha256) {
        Path target = pathOf(sha256);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                // stored again: retention leaves a bundle touched within pavu.retention.bundle-grace alone
                Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
                Files.deleteIfExists(bundle);
            } else {
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + System.nanoTime());
                Files.copy(bundle, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(bundle);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store bundle " + sha256 + " under " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a stored bundle (call inside a transaction); a known sha is left as it is.
     *
     * @param sha256    the bundle's SHA-256
     * @param sizeBytes its size
     * @param commit    the commit it was resolved for
     */
    public void record(String sha256, long sizeBytes, String commit) {
        String sha = sha256.toLowerCase(Locale.ROOT);
        // one statement, not find-then-persist: jobs that upload the same project at the same moment resolve in
        // parallel, and the second insert of a sha must not fail the job (the schema is the connection's currentSchema)
        SourceBundleEntity.getEntityManager().createNativeQuery("insert into source_bundles (sha256, size_bytes, path, "
                        + "commit_id, created_at) values (?1, ?2, ?3, ?4, ?5) on conflict (sha256) do nothing")
                .setParameter(1, sha).setParameter(2, sizeBytes).setParameter(3, pathOf(sha).toString())
                .setParameter(4, commit).setParameter(5, Instant.now()).executeUpdate();
    }

    /**
     * @param sha256 a bundle's SHA-256 (any case)
     * @return the stored file, when the store has it
     */
    public Optional<Path> find(String sha256) {
        Path p = pathOf(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** @return where the bundle of that sha is (or would be) kept */
    public Path pathOf(String sha256) {
        return config.sourcesDir().resolve(sha256.toLowerCase(Locale.ROOT) + ".bundle");
    }
}
