package dev.pavu.verifier.fast;

import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.logging.Log;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
 * dependency:build-classpath} on the baseline, in the sandbox; then the warm-JVM runner is compiled against
 * the project's own JUnit Platform jars, and the baseline's tests are timed once in the warm JVM (for the
 * per-test limit, {@link FastProject#perTestLimitMs}). Eligible: single-module Maven projects whose tests run on the JUnit
 * Platform; anything else stays on the cold path.
 */
public final class FastPath {

    private static final Pattern RELEASE = Pattern.compile("<maven\\.compiler\\.release>\\s*(\\d+)\\s*</maven\\.compiler\\.release>|<release>\\s*(\\d+)\\s*</release>");
    private static final Pattern ENGINE = Pattern.compile("junit-platform-engine-([0-9][^/]*)\\.jar$");

    private FastPath() {
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
        Path base = dir.resolve("base");
        try {
            String pom = Files.readString(base.resolve("pom.xml"));
            if (pom.contains("<modules>")) {
                return Result.no("a multi-module build");
            }
            if (pom.matches("(?s).*<packaging>\\s*(pom|war|ear)\\s*</packaging>.*")) {
                return Result.no("packaging is not jar");
            }
            List<String> cmd = new ArrayList<>(maven.testCommand(List.of()));
            cmd.removeLast(); // "test"
            cmd.removeIf(a -> a.startsWith("-Dmaven.test.failure.ignore"));
            cmd.addAll(List.of("-Dmdep.outputFile=target/pavu-test-classpath.txt", "-Dmdep.includeScope=test",
                    "test-compile", "dependency:build-classpath"));
            Duration limit = Duration.ofMinutes(10);
            ExecResult r = sandbox.run(new ExecRequest(cmd, base, maven.environment(), limit, false, List.of(), maven.readOnlyPaths(),
                    log, RunWatch.NONE, Limits.of(config.sandbox(), limit)));
            Path cpFile = base.resolve("target/pavu-test-classpath.txt");
            if (!r.succeeded() || !Files.isRegularFile(cpFile)) {
                return Result.no("the baseline build failed (" + (r.detail() != null ? r.detail() : "exit code " + r.exitCode()) + ")");
            }
            ClasspathFile.Read read = ClasspathFile.read(cpFile, base, maven.localRepository()); // written by the hostile build
            if (!read.refused().isEmpty()) {
                Log.warnf("fast path %s: classpath file refused: %s", dir, read.refused());
                return Result.no("the build's classpath file " + cpFile + " was refused: " + String.join("; ", read.refused()));
            }
            List<Path> deps = read.entries();
            List<Path> junit = new ArrayList<>();
            List<Path> others = new ArrayList<>();
            String engineVersion = null;
            boolean launcher = false;
            for (Path p : deps) {
                String s = p.toString().replace('\\', '/');
                if (s.contains("/org/junit/") || s.contains("/org/opentest4j/") || s.contains("/org/apiguardian/")) {
                    junit.add(p);
                    Matcher m = ENGINE.matcher(s);
                    if (m.find()) {
                        engineVersion = m.group(1);
                    }
                    launcher |= s.contains("/junit-platform-launcher-");
                } else {
                    others.add(p);
                }
            }
            if (engineVersion == null) {
                return Result.no("the tests do not run on the JUnit Platform");
            }
            if (!launcher) {
                Path l = maven.localRepository().resolve("org/junit/platform/junit-platform-launcher/" + engineVersion
                        + "/junit-platform-launcher-" + engineVersion + ".jar");
                if (!Files.isRegularFile(l)) {
                    return Result.no("junit-platform-launcher " + engineVersion + " is not in the local repository");
                }
                junit.add(l);
            }
            Path depsFile = dir.resolve("deps.txt");
            Files.write(depsFile, others.stream().map(Path::toString).toList());
            Path runner = Files.createDirectories(dir.resolve("runner"));
            compileRunner(runner, junit);
            List<Path> javacClasspath = new ArrayList<>(List.of(base.resolve("target/classes"), base.resolve("target/test-classes")));
            javacClasspath.addAll(deps);
            if (!launcher) {
                javacClasspath.add(junit.getLast());
            }
            Matcher rel = RELEASE.matcher(pom);
            String release = rel.find() ? (rel.group(1) != null ? rel.group(1) : rel.group(2)) : null;
            SurefireReports lim = new SurefireReports(config.limits().messageChars(), config.limits().stackTraceChars(),
                    config.limits().maxFailingTests());
            FastProject project = new FastProject(dir, base, javacClasspath, junit, depsFile, runner, release, maven.javaHome(), sandbox, lim,
                    new FastProject.TestBudget(config.fastPath().testLimitFloor().toMillis(), config.fastPath().testLimitFactor()),
                    config.fastPath().spareJvm(), config.sandbox().cgroups() ? config.sandbox().memory().asLongValue() : 0,
                    Limits.of(config.sandbox(), config.defaultTimeout()));
            project.calibrate(config.defaultTimeout());
            return new Result(project, null);
        } catch (IOException | RuntimeException e) {
            Log.warnf(e, "fast path unavailable for %s", dir);
            return Result.no(e.toString());
        }
    }

    private static void compileRunner(Path out, List<Path> junit) throws IOException {
        String src;
        try (InputStream in = FastPath.class.getResourceAsStream("/dev/pavu/verifier/fast/PavuFastRunner.java.txt")) {
            if (in == null) {
                throw new IOException("PavuFastRunner source missing from the verifier");
            }
            src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = out.resolve("PavuFastRunner.java");
        Files.writeString(file, src);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in this JVM (" + System.getProperty("java.home") + "): the fast path needs a JDK");
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-proc:none", "-nowarn", "-d", out.toString(), "-cp",
                String.join(java.io.File.pathSeparator, junit.stream().map(Path::toString).toList()), file.toString());
        if (rc != 0) {
            throw new IOException("cannot compile the warm-JVM runner against this project's JUnit: " + err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param project the built project, or {@code null}
     * @param whyNot  why the project cannot use the fast path, or {@code null}
     */
    public record Result(FastProject project, String whyNot) {
        static Result no(String why) {
            return new Result(null, why);
        }

        /** @return the project when it is eligible */
        public Optional<FastProject> get() {
            return Optional.ofNullable(project);
        }
    }
}
