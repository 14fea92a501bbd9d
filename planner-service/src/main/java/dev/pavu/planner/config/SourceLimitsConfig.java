package dev.pavu.planner.config;

import dev.pavu.workspace.source.SourceLimits;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * What a job's source may unpack (prefix {@code pavu.sources}, shared by every service that checks sources out): a
 * source past a limit — a git bomb, a gigabyte blob — fails its job with a reason naming the limit and this setting.
 * See {@link SourceLimits}.
 */
@ConfigMapping(prefix = "pavu.sources")
public interface SourceLimitsConfig {

    /** Files of one commit (directories are counted separately against the same number). */
    @WithDefault("100000")
    int maxFiles();

    /** Sum of a commit's file sizes. */
    @WithDefault("1G")
    MemorySize maxTotalBytes();

    /** Largest single file. */
    @WithDefault("100M")
    MemorySize maxBlobBytes();

    /** Directories a path may be nested in. */
    @WithDefault("64")
    int maxDepth();

    /** Wall-clock limit of checking, importing or writing one source. */
    @WithDefault("120s")
    Duration timeout();

    /** @return the limits for the workspace library */
    default SourceLimits limits() {
        return new SourceLimits(maxFiles(), maxTotalBytes().asLongValue(), maxBlobBytes().asLongValue(), maxDepth(), timeout());
    }
}
