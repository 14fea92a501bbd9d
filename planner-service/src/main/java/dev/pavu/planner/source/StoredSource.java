package dev.pavu.planner.source;

import java.nio.file.Path;

/**
 * A source resolved and kept in the {@link BundleStore}.
 *
 * @param commit    full commit id
 * @param sha256    SHA-256 of the bundle (64 lowercase hex)
 * @param sizeBytes bundle size
 * @param bundle    the stored bundle file
 */
public record StoredSource(String commit, String sha256, long sizeBytes, Path bundle) {
}
