package dev.pavu.verifier.fast;

import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.prefetch.DependencyPrefetch;
import dev.pavu.verifier.prefetch.MavenDefaults;
import dev.pavu.verifier.prefetch.OfflineClasspath;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the fast path of a JVM project once ("build once per job"): {@code mvn -o test-compile
 * dependency:build-classpath} on the baseline, in the sandbox; then the warm-JVM runner (module
 * {@code pavu-fast-runner}) is copied next to the project's JUnit Platform jars, or JUnit Vintage's for a JUnit 3/4
 * project ({@link TestPlatform}), and the baseline's tests are timed once in the warm JVM (for the per-test limit,
 * {@link FastProject#perTestLimitMs}). Eligible: single-module jar projects whose tests run on the JUnit Platform or
 * on JUnit 4.12+, whose surefire test selection the warm JVM mimics ({@link SurefireSelection}); anything else stays on the cold path.
 */
public final class FastPath {

    private static final Pattern RELEASE = Pattern.compile("<maven\\.compiler\\.release>\\s*(\\d+)\\s*</maven\\.compiler\\.release>|<release>\\s*(\\d+)\\s*</release>");
    /** Where the warm JVM's classes are, on the verifier's class path and in the runner directory. */
    static final String RUNNER_PACKAGE = "dev/pavu/fastrunner/";
    /** The warm JVM's main class. */
    static final String RUNNER_CLASS = "dev.pavu.fastrunner.PavuFastRunner";

    /** The classpath file the build writes for the fast path, relative to the project. */
    public static final String CLASSPATH_FILE = "target/pavu-test-classpath.txt";
    /**
     * The goal that writes the fast path's test classpath ({@link #CLASSPATH_FILE}), with its properties: the fast path's
     * own build runs it after {@code test-compile}; the baseline's coverage run after {@code test} (the fused build).
     */
    public static final List<String> CLASSPATH_GOALS = List.of("-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test",
            "dependency:build-classpath");

    private FastPath() {
    }

    /**
     * Whether a project can take the fast path at all, from its pom alone (nothing is built).
     *
     * @param base the project's checkout
     * @return {@code null} when it may (the build decides the rest), else why not
     */
    public static String ineligible(Path base) {
        String pom;
        try {
            pom = Files.readString(base.resolve("pom.xml"));
        } catch (IOException | RuntimeException e) {
            return "no readable pom.xml (" + e.getMessage() + ")";
        }
        String why = notASingleJar(pom);
        return why != null ? why : SurefireSelection.read(pom).whyNot();
    }

    /** @return why a pom's build is not a single jar module, or {@code null} when it is */
    private static String notASingleJar(String pom) {
        if (pom.contains("<modules>")) {
            return "a multi-module build";
        }
        if (pom.matches("(?s).*<packaging>\\s*(pom|war|ear)\\s*</packaging>.*")) {
            return "packaging is not jar";
        }
        return null;
    }

    /**
     * Builds a project's baseline for the fast path.
     *
     * @param dir     the project's fast-path directory; {@code dir/base} holds a fresh checkout of the baseline
     * @param maven   the Maven toolchain (offline runs)
     * @param sandbox where the build and the warm JVM run
     * @param config  verifier settings (limits)
     * @param log     receives the build output
     * @return the project, or the reason it cannot use the fast path
     */
    public static Result open(Path dir, MavenToolchain maven, Sandbox sandbox, VerifierConfig config, OutputCapture log) {
        return open(dir, maven, sandbox, config, log, false);
    }

    /**
     * Opens a project's fast path, building its baseline unless it was built already.
     *
     * @param prebuilt true when {@code dir/base} is the baseline's own workspace after its cold run, which compiled
     *                 main and test sources and wrote {@link #CLASSPATH_FILE} ({@link #CLASSPATH_GOALS}, the fused
     *                 build): no Maven build runs here; the classpath file is checked as always
     * @see #open(Path, MavenToolchain, Sandbox, VerifierConfig, OutputCapture)
     */
    public static Result open(Path dir, MavenToolchain maven, Sandbox sandbox, VerifierConfig config, OutputCapture log, boolean prebuilt) {
        Path base = dir.resolve("base");
        try {
            String pom = Files.readString(base.resolve("pom.xml")); // read and parsed once: the checks of ineligible()
            String why = notASingleJar(pom);
            SurefireSelection selection = SurefireSelection.read(pom);
            if (why != null || selection.whyNot() != null) {
                return Result.no(why != null ? why : selection.whyNot());
            }
            Path cpFile = base.resolve(CLASSPATH_FILE);
            if (prebuilt) {
                if (!Files.isRegularFile(cpFile, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(base.resolve("target/classes"),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return Result.failed("the baseline's run did not build the project (no classes or no " + CLASSPATH_FILE + ")");
                }
            }
            List<Path> deps = null;
            if (!prebuilt && config.fastPath().inProcessOpen()) {
                deps = openInProcess(base, maven, config, log);
            }
            if (deps == null && !prebuilt) {
                List<String> cmd = new ArrayList<>(maven.testCommand(List.of()));
                cmd.removeLast(); // "test"
                cmd.removeIf(a -> a.startsWith("-Dmaven.test.failure.ignore"));
                cmd.add("test-compile");
                cmd.addAll(CLASSPATH_GOALS);
                Duration limit = Duration.ofMinutes(10);
                ExecResult r = sandbox.run(new ExecRequest(cmd, base, maven.environment(), limit, false, List.of(), maven.readOnlyPaths(),
                        log, RunWatch.NONE, Limits.of(config.sandbox(), limit)));
                if (!r.succeeded() || !Files.isRegularFile(cpFile)) {
                    return Result.failed("the fast path's build of the baseline failed (" + (r.detail() != null ? r.detail() : "exit code " + r.exitCode()) + ")");
                }
            }
            if (deps == null) {
                ClasspathFile.Read read = ClasspathFile.read(cpFile, base, maven.localRepository()); // written by the hostile build
                if (!read.refused().isEmpty()) {
                    Log.warnf("fast path %s: classpath file refused: %s", dir, read.refused());
                    return Result.failed("the build's classpath file " + cpFile + " was refused: " + String.join("; ", read.refused()));
                }
                deps = read.entries();
            }
            TestPlatform platform = TestPlatform.of(deps, maven.localRepository(), config.fastPath().vintageVersion());
            if (platform.whyNot() != null) {
                return Result.no(platform.whyNot());
            }
            Path depsFile = dir.resolve("deps.txt");
            Files.write(depsFile, platform.deps().stream().map(Path::toString).toList());
            Path runner = Files.createDirectories(dir.resolve("runner"));
            copyRunner(runner);
            selection.write(runner);
            List<Path> javacClasspath = new ArrayList<>(List.of(base.resolve("target/classes"), base.resolve("target/test-classes")));
            javacClasspath.addAll(deps);
            javacClasspath.addAll(platform.javacExtra());
            Matcher rel = RELEASE.matcher(pom);
            String release = rel.find() ? (rel.group(1) != null ? rel.group(1) : rel.group(2)) : null;
            SurefireReports lim = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                    config.limits().maxFailingTests());
            WarmJvm.Setup jvm = new WarmJvm.Setup(dir, base, javacClasspath, platform.runnerJars(), depsFile, runner, maven.javaHome(),
                    sandbox, config.fastPath().spareJvm(), config.sandbox().cgroups() ? config.sandbox().memory().asLongValue() : 0,
                    Limits.of(config.sandbox(), config.defaultTimeout()));
            FastProject project = new FastProject(jvm, new FastCompiler(javacClasspath, release), lim,
                    new FastProject.TestBudget(config.fastPath().testLimitFloor().toMillis(), config.fastPath().testLimitFactor()),
                    platform.vintage());
            if (platform.vintage() || config.fastPath().testLimitFloor().isZero()) {
                // JUnit 4 tests keep their own limits; with no floor every test gets the cold path's limit: nothing to derive
                project.skipCalibration();
            } else {
                project.calibrate(config.defaultTimeout());
            }
            return new Result(project, null, false);
        } catch (IOException | RuntimeException e) {
            Log.warnf(e, "fast path unavailable for %s", dir);
            return Result.failed(e.toString());
        }
    }

    /**
     * Opens the baseline without a Maven process ({@link InProcessBuild}): says in {@code log} which way it took and
     * why ({@code [pavu] fast path: opened in-process …} / {@code [pavu] fast path: opened with Maven: <why>}).
     *
     * @return the test classpath (jars, Maven's order), or {@code null} when the project needs Maven (its
     *         {@code target/} is then removed, so Maven's build starts from the checkout as before)
     */
    static List<Path> openInProcess(Path base, MavenToolchain maven, VerifierConfig config, OutputCapture log) throws IOException {
        long t0 = System.nanoTime();
        if (Files.exists(base.resolve("target"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            note(log, "fast path: opened with Maven: the checkout has a target/ of its own");
            return null;
        }
        OfflineClasspath.Result cp = OfflineClasspath.resolve(base, maven.localRepository(), config.maven().repositories(),
                MavenDefaults.of(config.maven().lifecyclePlugins(), maven.mavenHome()),
                DependencyPrefetch.systemProperties(maven.javaHome(), maven.environment()));
        long resolved = (System.nanoTime() - t0) / 1_000_000;
        InProcessBuild.Built b = InProcessBuild.build(base, cp);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (b.whyNot() != null) {
            Log.infof("fast path %s opens with Maven: %s", base, b.whyNot());
            note(log, "fast path: opened with Maven: " + b.whyNot());
            dev.pavu.verifier.source.Workspaces.deleteRecursively(base.resolve("target"));
            return null;
        }
        note(log, "fast path: opened in-process in " + ms + " ms (classpath resolved offline in " + resolved + " ms, sources compiled with javax.tools)");
        return b.testClasspath();
    }

    private static void note(OutputCapture log, String line) {
        byte[] bytes = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(bytes, 0, bytes.length);
    }

    /**
     * Copies the warm JVM's classes (module {@code pavu-fast-runner}, listed in its
     * {@code dev/pavu/fastrunner/classes.txt}) from the verifier's class path into {@code out}, as a class directory.
     *
     * @throws IOException when a listed class is missing (the verifier was built without the module)
     */
    static void copyRunner(Path out) throws IOException {
        ClassLoader cl = FastPath.class.getClassLoader();
        String listing;
        try (InputStream in = cl.getResourceAsStream(RUNNER_PACKAGE + "classes.txt")) {
            if (in == null) {
                throw new IOException(RUNNER_PACKAGE + "classes.txt is not on the verifier's class path (module pavu-fast-runner)");
            }
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path pkg = Files.createDirectories(out.resolve(RUNNER_PACKAGE));
        for (String name : listing.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            try (InputStream cls = cl.getResourceAsStream(RUNNER_PACKAGE + name + ".class")) {
                if (cls == null) {
                    throw new IOException(RUNNER_PACKAGE + name + ".class is not on the verifier's class path (module pavu-fast-runner)");
                }
                Files.copy(cls, pkg.resolve(name + ".class"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * @param project the built project, or {@code null}
     * @param whyNot  why the project cannot use the fast path, or {@code null}
     * @param failed  true when the fast path is not ineligible but its own build or set-up failed (its candidates are
     *                verified on the cold path with {@code fast path failed (<whyNot>)} in their verdicts)
     */
    public record Result(FastProject project, String whyNot, boolean failed) {
        /** @return a project that cannot take the fast path by design (multi-module, not on the JUnit Platform …) */
        static Result no(String why) {
            return new Result(null, why, false);
        }

        /** @return a project whose fast path failed to build or open */
        static Result failed(String why) {
            return new Result(null, why, true);
        }

        /** @return what the fast path makes of every candidate of a project without one */
        FastAttempt attempt() {
            return failed ? new FastAttempt.Failed(whyNot) : new FastAttempt.NotTaken(whyNot);
        }

        /** @return the project when it is eligible */
        public Optional<FastProject> get() {
            return Optional.ofNullable(project);
        }
    }
}
