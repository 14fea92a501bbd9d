package dev.pavu.kit.sources;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * What a job's source may unpack (prefix {@code pavu.sources}, shared by every service that checks sources out): a
 * source past a limit — a git bomb, a gigabyte blob — fails its job with a reason naming the limit and this setting.
 * The planner, the actuator and the verifier read it; {@link SourceLimitsSettings#limits} turns it into the workspace
 * library's {@code SourceLimits}. (That conversion lives in a class of its own so that services without the workspace
 * library on their class path — the updater, the gateway — can still load this mapping.)
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
}
