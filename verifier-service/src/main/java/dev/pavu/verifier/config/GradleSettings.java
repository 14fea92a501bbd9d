package dev.pavu.verifier.config;

import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The Gradle toolchain ({@code pavu.verifier.gradle.*}). */
public interface GradleSettings {

    /** Gradle used when the project has no wrapper, or its wrapper's distribution is not available offline. */
    @WithDefault("gradle")
    String command();

    /**
     * JDK Gradle runs with. Empty = {@code pavu.verifier.maven.java-home} (the verifier's JDK when that is empty too).
     * Debian's Gradle 4.4.1 needs JDK 17 or older.
     */
    Optional<String> javaHome();

    /**
     * Gradle user home whose {@code wrapper/dists} holds wrapper distributions downloaded before: a project's
     * {@code ./gradlew} is honoured when its distribution is there. Runs themselves get a private, empty user
     * home inside the candidate's workspace.
     */
    @WithDefault("${user.home}/.gradle")
    String userHome();
}
