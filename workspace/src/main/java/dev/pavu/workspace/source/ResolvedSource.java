package dev.pavu.workspace.source;

import java.nio.file.Path;

/**
 * A source resolved to one commit and kept as a content-addressed git bundle.
 *
 * @param commit    full commit id (40 lowercase hex characters)
 * @param bundle    the bundle file, named {@code <sha256>.bundle}; it holds the history of {@code commit} and
 *                  advertises it as {@code HEAD} (so {@code git clone <bundle>} works)
 * @param sha256    SHA-256 of the bundle file, 64 lowercase hex characters
 * @param sizeBytes size of the bundle file in bytes
 */
public record ResolvedSource(String commit, Path bundle, String sha256, long sizeBytes) {
}
