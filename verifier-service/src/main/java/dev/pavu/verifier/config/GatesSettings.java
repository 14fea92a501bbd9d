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
     * The Checkstyle Maven plugin the {@code checkstyle} linter runs ({@code groupId:artifactId:version}); it is
     * run offline, so it must be in the local repository (the linter is skipped with that reason otherwise).
     */
    @WithDefault("org.apache.maven.plugins:maven-checkstyle-plugin:3.6.0")
    String checkstylePlugin();
}
