package dev.pavu.updater.graph;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings of the code graph ({@code pavu.graph.*} in {@code application.properties}). The source of a job is
 * hostile: every bound here holds whatever the repository holds.
 */
@ConfigMapping(prefix = "pavu.graph")
public interface GraphConfig {

    /**
     * @return whether a graph is built for each new (team, commit) a job's plan names (default true); off, no build is
     *         queued and {@code /graph} answers the graphs already stored
     */
    @WithDefault("true")
    boolean enabled();

    /** @return the planner's base URL, whose {@code GET /sources/{bundleSha}} serves a job's bundle */
    @WithDefault("http://localhost:8081")
    String plannerUrl();

    /**
     * @return directory of the updater's source cache and build scratch space ({@code <home>/updater/sources},
     *         {@code <home>/updater/graph-work})
     */
    @WithDefault("${user.home}/.pavu")
    String home();

    /** @return Java files read per commit at most (default 5000); past it the build stops and says so */
    @WithDefault("5000")
    int maxFiles();

    /** @return the largest Java file read, bytes (default 1048576 = 1 MiB); a larger one is skipped and counted */
    @WithDefault("1048576")
    long maxFileBytes();

    /** @return the largest sum of Java file sizes read per commit, bytes (default 67108864 = 64 MiB) */
    @WithDefault("67108864")
    long maxTotalBytes();

    /**
     * @return wall-clock limit of one build, milliseconds (default 120000); past it the build stops, the graph is
     *         stored with what was read and names the limit ({@code truncated})
     */
    @WithDefault("120000")
    long timeoutMs();

    /** @return CALLS steps a test may take to reach a main-code method for TEST_REACHES (default 6) */
    @WithDefault("6")
    int reachDepth();

    /** @return TEST_REACHES edges per graph at most (default 200000); more are dropped, the deepest first */
    @WithDefault("200000")
    int maxReachEdges();

    /** @return graphs built at the same time (default 1; each holds one file's AST at a time) */
    @WithDefault("1")
    int workers();

    /**
     * @return how often graphs still queued (or building for longer than {@link #staleAfter()}) are looked for and
     *         built (default 60 s): the build normally starts right after the plan naming the commit is recorded
     */
    @WithDefault("60s")
    Duration sweepInterval();

    /** @return a build started this long ago and not finished is taken as lost (a crash) and built again */
    @WithDefault("10m")
    Duration staleAfter();

    /** @return builds tried per graph before it is left FAILED for good (default 3) */
    @WithDefault("3")
    int maxAttempts();
}
