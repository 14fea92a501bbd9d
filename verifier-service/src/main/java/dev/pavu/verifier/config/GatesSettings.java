package dev.pavu.verifier.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Defaults of the per-job gate policy ({@code pavu.verifier.gates.*}): what a candidate whose
 * {@code VerifySpec.gates} is absent, or leaves a component {@code null}, goes through.
 */
public interface GatesSettings {

    /** Linters of the {@code lint} gate when a job names none: empty (off) by default. */
    Optional<List<String>> linters();

    /** Run the plan's failing tests alone before the whole suite (stop early when they still fail). */
    @WithDefault("true")
    boolean testsFirst();

    /** How long a probed application may take to answer its health URL when the job's probe gives no timeout. */
    @WithDefault("20s")
    Duration probeTimeout();

    /**
     * The Checkstyle Maven plugin the {@code checkstyle} linter runs ({@code groupId:artifactId:version}). The
     * prefetch of a source whose job names {@code checkstyle} resolves it (with network); the lint runs are offline, so
     * when it is not in the local repository (prefetch off or failed) the linter is skipped with that reason. Another
     * shape is named as wrong in the gate's detail.
     */
    @WithDefault("org.apache.maven.plugins:maven-checkstyle-plugin:3.6.0")
    String checkstylePlugin();

    /**
     * The SpotBugs Maven plugin the {@code spotbugs} linter runs ({@code groupId:artifactId:version}); prefetched and
     * run offline like {@link #checkstylePlugin()}. 4.9.8.2 was tried here: it runs on Debian's Maven 3.8.7
     * (4.10.4.1 requires Maven 3.8.9) and reads the JDK 25 class files (4.9.3.0 does not).
     */
    @WithDefault("com.github.spotbugs:spotbugs-maven-plugin:4.9.8.2")
    String spotbugsPlugin();
}
