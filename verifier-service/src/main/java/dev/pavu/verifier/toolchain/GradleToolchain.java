package dev.pavu.verifier.toolchain;

import dev.pavu.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Command lines and environment of a Gradle project's gates: {@code gradle --offline testClasses} (static) and
 * {@code gradle --offline test --continue [--tests Class.method …]} (tests; JUnit XML in
 * {@code build/test-results/test/TEST-*.xml}, surefire's format).
 *
 * <p>Which Gradle: the project's wrapper distribution when it is available offline (unpacked under
 * {@code <gradle.user-home>/wrapper/dists/<name>/<hash>/<dir>/bin/gradle}, run directly: {@code ./gradlew} would try
 * to download it into the run's private user home), else the configured {@code gradle} on {@code PATH}. Each run gets
 * a private, empty {@code GRADLE_USER_HOME} inside the workspace ({@code .pavu-gradle}), and an init script that
 * points every repository at the verifier's local Maven repository (read-only, {@code file:} URL): dependencies must
 * be there — the Gradle prefetch ({@code dev.pavu.verifier.prefetch.GradlePrefetch}) puts the scripts' literal dependencies there.
 */
@ApplicationScoped
public class GradleToolchain {

    /** The private Gradle user home inside the workspace. */
    public static final String USER_HOME = ".pavu-gradle";
    private static final Pattern JAVAC_ERROR = Pattern.compile("(/\\S+?\\.(?:java|groovy|scala)):(\\d+): error: (.*)$");

    /**
     * The Gradle a project is built with.
     *
     * @param executable the {@code gradle} launcher
     * @param home       its installation (visible read-only in the sandbox)
     * @param note       how it was chosen, for the log
     */
    public record Choice(Path executable, Path home, String note) {
    }

    private final VerifierConfig config;
    private final MavenToolchain maven;

    public GradleToolchain(VerifierConfig config, MavenToolchain maven) {
        this.config = config;
        this.maven = maven;
    }

    /**
     * @param root the project root
     * @return the wrapper's distribution when available offline, else the configured Gradle; empty when neither exists
     */
    public Optional<Choice> choose(Path root) {
        Optional<String> dist = wrapperDistribution(root);
        String why = "";
        if (dist.isPresent()) {
            Optional<Path> unpacked = unpacked(Path.of(config.gradle().userHome()), dist.get());
            if (unpacked.isPresent()) {
                return Optional.of(new Choice(unpacked.get(), Executables.installation(unpacked.get()),
                        "the wrapper's " + dist.get() + " (available offline)"));
            }
            why = "the wrapper's " + dist.get() + " is not available offline here; ";
        }
        String w = why;
        return Executables.which(config.gradle().command())
                .map(g -> new Choice(g, Executables.installation(g), w + "gradle on PATH (" + g + ")"));
    }

    /**
     * @param root the project root
     * @return the wrapper's distribution name ({@code gradle-8.5-bin}) from
     * {@code gradle/wrapper/gradle-wrapper.properties}, when the project has a wrapper
     */
    public static Optional<String> wrapperDistribution(Path root) {
        Path props = root.resolve("gradle/wrapper/gradle-wrapper.properties");
        if (!Files.isRegularFile(props)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(props)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String url = p.getProperty("distributionUrl", "");
        String name = url.substring(url.lastIndexOf('/') + 1);
        return name.endsWith(".zip") ? Optional.of(name.substring(0, name.length() - 4)) : Optional.empty();
    }

    /** {@code <userHome>/wrapper/dists/<dist>/<hash>/<gradle-x.y>/bin/gradle}, when unpacked there. */
    static Optional<Path> unpacked(Path userHome, String dist) {
        Path dir = userHome.resolve("wrapper/dists").resolve(dist);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> p.getFileName().toString().equals("gradle") && p.getParent() != null
                    && p.getParent().getFileName().toString().equals("bin") && Files.isExecutable(p)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the run's private user home and init script into the workspace.
     *
     * @param root the project root
     * @return the init script
     * @throws IOException when the workspace cannot be written
     */
    public Path prepare(Path root) throws IOException {
        Path home = Files.createDirectories(root.resolve(USER_HOME));
        String repo = maven.localRepository().toUri().toString();
        Path init = home.resolve("pavu-init.gradle");
        Files.writeString(init, """
                // written by the Pavu verifier: offline, every repository is the verifier's local Maven repository
                allprojects {
                    buildscript { repositories { clear(); maven { url '%1$s' } } }
                    repositories { clear(); maven { url '%1$s' } }
                }
                """.formatted(repo));
        return init;
    }

    private List<String> base(Choice gradle, Path init) {
        return new ArrayList<>(List.of(gradle.executable().toString(), "--offline", "--no-daemon", "--console=plain",
                "-I", init.toString()));
    }

    /** @return the static gate: compile main and test sources */
    public List<String> compileCommand(Choice gradle, Path init) {
        List<String> c = base(gradle, init);
        c.add("testClasses");
        return c;
    }

    /**
     * @param tests test ids ({@code Class#method} or {@code Class}) to run instead of the whole suite; empty = all
     * @return the test command
     */
    public List<String> testCommand(Choice gradle, Path init, List<String> tests) {
        List<String> c = base(gradle, init);
        c.addAll(List.of("test", "--continue"));
        for (String t : tests) {
            c.add("--tests");
            c.add(t.replace('#', '.'));
        }
        return c;
    }

    /**
     * @param root the project root
     * @return every {@code build/test-results/**}{@code /TEST-*.xml} below it (any subproject)
     */
    public static List<Path> reports(Path root) {
        List<Path> files = new ArrayList<>();
        for (Path dir : resultDirs(root)) {
            try (Stream<Path> walk = Files.walk(dir, 3)) {
                walk.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith("TEST-") && n.endsWith(".xml") && Files.isRegularFile(p);
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                // unreadable: left out
            }
        }
        return files;
    }

    /** Deletes every {@code build/test-results} below the root, so a run is judged by its own reports only. */
    public static void clearReports(Path root) {
        for (Path dir : resultDirs(root)) {
            dev.pavu.verifier.source.Workspaces.deleteRecursively(dir);
        }
    }

    private static List<Path> resultDirs(Path root) {
        List<Path> dirs = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (n.equals("test-results") && dir.getParent() != null && dir.getParent().getFileName().toString().equals("build")) {
                        dirs.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return !dir.equals(root) && (n.startsWith(".") || n.equals("src") || n.equals("node_modules"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // nothing found
        }
        return dirs;
    }

    /**
     * @param output Gradle's output
     * @return true when a Java/Groovy/Scala compile task failed
     */
    public static boolean compilationFailed(String output) {
        return output.contains("Compilation failed") || Pattern.compile("Execution failed for task '[^']*:compile\\w*'").matcher(output).find();
    }

    /**
     * @param output Gradle's output
     * @param root   the project root
     * @param max    errors at most
     * @return e.g. {@code src/main/java/demo/Calc.java:2 ';' expected}
     */
    public static List<String> compilerErrors(String output, Path root, int max) {
        List<String> errors = new ArrayList<>();
        String prefix = root.toAbsolutePath().normalize() + "/";
        for (String line : output.split("\n")) {
            // Gradle 4 prints the task name and javac's first error on one line: ":compileJava/…/Calc.java:8: error: …"
            Matcher m = JAVAC_ERROR.matcher(line.stripTrailing());
            if (m.find()) {
                String p = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
                String e = p + ":" + m.group(2) + " " + m.group(3).trim();
                if (!errors.contains(e)) {
                    errors.add(e);
                }
                if (errors.size() >= max) {
                    break;
                }
            }
        }
        return errors;
    }

    /**
     * @param output Gradle's output
     * @return the line after {@code * What went wrong:} (and its first {@code >} detail), or {@code null}
     */
    public static String whatWentWrong(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("* What went wrong:")) {
                StringBuilder sb = new StringBuilder();
                for (int k = i + 1; k < lines.size() && k <= i + 3 && !lines.get(k).isBlank() && !lines.get(k).startsWith("* "); k++) {
                    sb.append(sb.isEmpty() ? "" : " ").append(lines.get(k).strip());
                }
                return sb.toString();
            }
        }
        return null;
    }

    /** @return the JDK Gradle runs with: {@code gradle.java-home}, else Maven's */
    public Path javaHome() {
        return config.gradle().javaHome().filter(s -> !s.isBlank()).map(Path::of).orElseGet(maven::javaHome);
    }

    /**
     * @param root the project root
     * @return the whole environment of a run: the JDK, a private {@code GRADLE_USER_HOME}
     */
    public Map<String, String> environment(Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", javaHome().resolve("bin") + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("JAVA_HOME", javaHome().toString());
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", "/tmp");
        env.put("GRADLE_USER_HOME", root.resolve(USER_HOME).toString());
        env.put("GRADLE_OPTS", "-Xmx512m -XX:+UseSerialGC");
        return env;
    }

    /** @return paths a run must see read-only: the local Maven repository, the JDK and Gradle's installation */
    public List<Path> readOnlyPaths(Choice gradle) {
        return List.of(maven.localRepository(), javaHome(), gradle.home());
    }
}
