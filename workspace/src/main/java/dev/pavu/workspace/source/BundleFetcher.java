package dev.pavu.workspace.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Downloads a bundle by its SHA-256, e.g. from the planner's {@code GET /sources/{sha}}. {@link SourceCache}
 * calls it at most once per bundle it caches, verifies the bytes against the SHA-256 and closes the stream.
 */
@FunctionalInterface
public interface BundleFetcher {

    /**
     * Opens the bundle's bytes.
     *
     * @param sha256 64 lowercase hex characters
     * @return the bundle's bytes (closed by the caller)
     * @throws IOException when the bundle cannot be fetched
     */
    InputStream fetch(String sha256) throws IOException;
}
