package dev.pavu.kit.sources;

import dev.pavu.workspace.source.SourceLimits;

/** Converts the {@code pavu.sources.*} settings into the workspace library's {@link SourceLimits}. */
public final class SourceLimitsSettings {

    private SourceLimitsSettings() {
    }

    /**
     * @param config the service's {@code pavu.sources.*} settings
     * @return the same limits for {@code GitSources} and {@code SourceCache} (bytes, files, directories, the timeout)
     */
    public static SourceLimits limits(SourceLimitsConfig config) {
        return new SourceLimits(config.maxFiles(), config.maxTotalBytes().asLongValue(), config.maxBlobBytes().asLongValue(),
                config.maxDepth(), config.timeout());
    }
}
