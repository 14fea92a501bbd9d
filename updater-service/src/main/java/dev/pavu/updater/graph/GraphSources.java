package dev.pavu.updater.graph;

import java.io.IOException;
import java.io.InputStream;

/** Where the updater reads a job's source bundle from (the planner's {@code GET /sources/{sha}} in production). */
public interface GraphSources {

    /**
     * Opens one bundle's bytes; the workspace library's {@code SourceCache} verifies the SHA-256 and closes the stream.
     *
     * @param bundleSha SHA-256 (64 lowercase hex) of the bundle
     * @return the bundle's bytes
     * @throws IOException when it cannot be had (the message says from where and why)
     */
    InputStream open(String bundleSha) throws IOException;
}
