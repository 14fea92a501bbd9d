package dev.pavu.verifier.toolchain;

import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command lines and environment of Maven runs on a candidate's workspace.
 *
 * <p>Verification runs are offline ({@code mvn -o -B}) against the configured local repository, with
 * {@code -Dmaven.test.failure.ignore=true} so that a multi-module build runs every module's tests and the
 * verdict comes from the surefire reports. Every Maven run of the verifier is offline: the dependency prefetch of a
 * source runs no Maven at all ({@code dev.pavu.verifier.prefetch} resolves with Maven Resolver as a library).
 */
@ApplicationScoped
public class MavenToolchain {

    /** Surefire's user property that stops a run after that many failing tests. */
    /**
     * The candidate log's line for a project with a Maven wrapper ({@code mvnw}): the wrapper is never run (it downloads
     * a Maven distribution from the URL in {@code .mvn/wrapper/maven-wrapper.properties}, and runs are offline in the
     * sandbox); the installed Maven builds the project, with the plugin versions its pom gives.
     */
    public static final String WRAPPER_NOTE = "the project's Maven wrapper (mvnw) is not run: it would download a Maven "
            + "distribution and runs are offline; the installed mvn builds it, with the plugin versions the pom gives";

    public static final String SKIP_AFTER_FAILURE = "surefire.skipAfterFailureCount";

    private final VerifierConfig config;

    public MavenToolchain(VerifierConfig config) {
        this.config = config;
    }

    /**
     * The offline build + test command.
     *
     * @param tests test ids ({@code Class#method} or {@code Class}) to run instead of the whole suite; empty = all
     * @return the command line
     */
    public List<String> testCommand(List<String> tests) {
        return testCommand(tests, 0);
    }

    /**
     * The offline build + test command with a per-test time limit.
     *
     * <p>The limit is JUnit Jupiter's default timeout ({@code junit.jupiter.execution.timeout.default}),
     * enforced in a separate thread ({@code junit.jupiter.execution.timeout.thread.mode.default=SEPARATE_THREAD})
     * so that a test stuck in a busy loop is abandoned and reported as an error naming the test, and the
     * other tests still run. Surefire hands Maven's user properties to the forked test JVM as system
     * properties, where the JUnit Platform reads configuration parameters (JUnit 5 User Guide,
     * "Timeouts"; "Configuration Parameters"). JUnit 4 tests ignore it and rely on the run's wall-clock limit.
     *
     * <p>The run stops at its first failing test ({@code surefire.skipAfterFailureCount=1}): a candidate that fails
     * costs one failing test, not the whole suite (a looping one costs one {@code @Test(timeout=…)}, not one per
     * test). Surefire's JUnit 4 provider honours it (the rest is reported as skipped with a
     * {@code StoppedByUserException}); its JUnit Platform provider ignores it (SUREFIRE-1710), so Jupiter runs go
     * on to the end (there JUnit's per-test limit above bounds a loop). Test classes run in alphabetical order
     * ({@code surefire.runOrder}, unless the project sets its own), so that which test fails first does not depend
     * on the order a file system lists the classes in, and the fast path runs them in the same order.
     *
     * @param tests            test ids to run instead of the whole suite; empty = all
     * @param perTestTimeoutMs limit per test method, milliseconds; 0 = none
     * @return the command line
     */
    public List<String> testCommand(List<String> tests, long perTestTimeoutMs) {
        List<String> c = base(true);
        c.add("-Dmaven.test.failure.ignore=true");
        c.add("-D" + SKIP_AFTER_FAILURE + "=1");
        c.add("-Dsurefire.runOrder=alphabetical");
        if (perTestTimeoutMs > 0) {
            c.add("-Djunit.jupiter.execution.timeout.default=" + perTestTimeoutMs + " ms");
            c.add("-Djunit.jupiter.execution.timeout.thread.mode.default=SEPARATE_THREAD");
        }
        if (!tests.isEmpty()) {
            c.add("-Dtest=" + String.join(",", tests));
            c.add("-Dsurefire.failIfNoSpecifiedTests=false");
        }
        c.add("test");
        return c;
    }

    /**
     * The start of every Maven command line of the verifier: {@code mvn -o -B -Dstyle.color=never
     * -Dmaven.repo.local=<local repository>} and the configured extra arguments (always offline).
     *
     * @return a new, mutable list the caller appends goals and properties to
     */
    public List<String> baseCommand() {
        return base(true);
    }

    private List<String> base(boolean offline) {
        List<String> c = new ArrayList<>();
        c.add(config.maven().command());
        if (offline) {
            c.add("-o");
        }
        c.addAll(List.of("-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + localRepository()));
        config.maven().extraArgs().ifPresent(c::addAll);
        return c;
    }

    /** @return the local repository the runs use (absolute) */
    public Path localRepository() {
        return Path.of(config.maven().localRepository()).toAbsolutePath().normalize();
    }

    /** @return the JDK the target builds with: the configured one, else the verifier's own */
    public Path javaHome() {
        return Path.of(config.maven().javaHome().filter(s -> !s.isBlank()).orElse(System.getProperty("java.home")));
    }

    /**
     * The whole environment of a Maven run (nothing else of the verifier's environment is passed on, so
     * candidates never see database passwords or tokens).
     *
     * @return variable → value
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", javaHome().resolve("bin") + File.pathSeparator + path);
        env.put("JAVA_HOME", javaHome().toString());
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", "/tmp");
        env.put("MAVEN_OPTS", config.maven().mavenOpts());
        return env;
    }

    /**
     * Paths a run must be able to read even when they lie below a directory the sandbox hides: the local
     * repository, the JDK and the Maven installation.
     *
     * @return absolute paths
     */
    public List<Path> readOnlyPaths() {
        List<Path> paths = new ArrayList<>(List.of(localRepository(), javaHome()));
        mavenHome().ifPresent(paths::add);
        return paths;
    }

    /** @return the Maven installation (the directory above {@code bin/mvn}), when the command can be found */
    public Optional<Path> mavenHome() {
        String cmd = config.maven().command();
        Path exe = null;
        if (cmd.contains("/")) {
            exe = Path.of(cmd);
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, cmd);
                if (Files.isExecutable(p)) {
                    exe = p;
                    break;
                }
            }
        }
        if (exe == null) {
            return Optional.empty();
        }
        try {
            Path real = exe.toRealPath();
            Path bin = real.getParent();
            return Optional.ofNullable(bin == null ? null : bin.getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
