package dev.pavu.verifier.prefetch;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency prefetch of a Gradle project, WITHOUT running its build scripts: a Gradle script is a program
 * (Groovy or Kotlin), and running it to learn its dependencies would run the project's code outside the sandbox
 * with network. So the scripts ({@code build.gradle}, {@code build.gradle.kts} of the root and of every
 * subproject folder, links not followed) are read as TEXT: every dependency declared with a literal
 * {@code group:name:version} in a known configuration ({@code implementation}, {@code testImplementation},
 * {@code compile}, {@code testCompile}, {@code runtimeOnly}, {@code annotationProcessor}, buildscript
 * {@code classpath} …; string or map notation, Groovy or Kotlin) is resolved with Maven Resolver, transitively, from
 * the configured repositories only, into a private staging repository (checksums verified), then added to the
 * shared local repository ({@link Promotion}) — the repository the sandboxed, offline Gradle run reads through the
 * verifier's init script. What cannot be read as a literal (a version in a variable, a version catalog, a plugin
 * from the Gradle plugin portal) is named as a problem; the offline run then says what is missing.
 */
public final class GradlePrefetch {

    /** The largest build script read (bytes). */
    static final long MAX_SCRIPT_BYTES = 1024 * 1024;
    private static final int MAX_SCRIPTS = 200;
    private static final String CONFIGURATIONS = "implementation|api|compile|compileOnly|runtime|runtimeOnly|testImplementation"
            + "|testCompile|testCompileOnly|testRuntime|testRuntimeOnly|annotationProcessor|testAnnotationProcessor|classpath"
            + "|compileClasspath|testFixturesImplementation|testFixturesApi";
    /** {@code testCompile 'g:a:v'}, {@code testImplementation("g:a:v")}, {@code implementation 'g:a:v:classifier@ext'} */
    private static final Pattern STRING_NOTATION = Pattern.compile(
            "\\b(" + CONFIGURATIONS + ")\\s*\\(?\\s*['\"]([^'\"\\s]+)['\"]");
    /** {@code testCompile group: 'g', name: 'a', version: 'v'} (Groovy map notation) */
    private static final Pattern MAP_NOTATION = Pattern.compile(
            "\\b(" + CONFIGURATIONS + ")\\s*\\(?\\s*group\\s*[:=]\\s*['\"]([^'\"]+)['\"]\\s*,\\s*name\\s*[:=]\\s*['\"]([^'\"]+)['\"]"
                    + "\\s*,\\s*version\\s*[:=]\\s*['\"]([^'\"]+)['\"]");
    /** {@code id 'org.springframework.boot' version '3.2.0'} in a {@code plugins} block: from the plugin portal */
    private static final Pattern PORTAL_PLUGIN = Pattern.compile("\\bid\\s*\\(?\\s*['\"]([^'\"]+)['\"]\\s*\\)?\\s*version\\b");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private final List<RemoteRepository> repositories;
    private final Properties systemProperties;

    /**
     * @param repositories     {@code id=url} entries ({@code pavu.verifier.maven.repositories})
     * @param systemProperties what profiles in the dependencies' poms are activated by ({@link DependencyPrefetch#systemProperties})
     * @throws IllegalArgumentException when a repository entry is malformed
     */
    public GradlePrefetch(List<String> repositories, Properties systemProperties) {
        this.repositories = Resolvers.remotes(repositories);
        this.systemProperties = systemProperties;
    }

    /** A dependency read from a script: {@code group:name:version[:classifier][@extension]}, or why it cannot be used. */
    record Declared(String script, String configuration, String coordinates, String problem) {
    }

    /**
     * Prefetches one Gradle project within a time limit: no resolution starts after it, and nothing is promoted then.
     *
     * @param root   the checked-out project (read as text only, never run)
     * @param shared the shared local repository the offline runs read
     * @param work   an empty private directory (the staging repository); the caller deletes it
     * @param limit  the wall-clock limit
     * @return what was done
     * @throws InterruptedException when the thread is interrupted or the limit passed; nothing was promoted then
     * @throws IOException          when the work directory cannot be written or the promotion fails
     */
    public PrefetchReport run(Path root, Path shared, Path work, Duration limit) throws InterruptedException, IOException {
        long t0 = System.nanoTime();
        Path dir = root.toAbsolutePath().normalize();
        Path staging = Files.createDirectories(work.resolve("repository"));
        AtomicLong downloads = new AtomicLong();
        ResolutionRun run = new ResolutionRun(Resolvers.session(staging, shared, systemProperties, null, downloads), repositories,
                t0 + limit.toNanos());
        List<Path> scripts = scripts(dir);
        Set<String> done = new LinkedHashSet<>();
        for (Path script : scripts) {
            for (Declared d : declared(dir, script)) {
                if (d.problem() != null) {
                    run.problem(d.script() + ": " + d.problem());
                } else if (done.add(d.coordinates())) {
                    Artifact a = artifact(d.coordinates());
                    run.tree(d.script() + " " + d.configuration() + " " + d.coordinates(), new Dependency(a, "compile"),
                            null, List.of(), List.of(), null);
                }
            }
        }
        run.checkInterrupted();
        boolean promote = !run.integrityFailure();
        int added = promote ? Promotion.promote(staging, shared).added().size() : 0;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new PrefetchReport(scripts.size(), run.artifacts().size(), 0, 0, downloads.get(), added, promote, run.problems(), List.of(), ms, null);
    }

    /**
     * @param root the project root
     * @return the build scripts below it (root first), found without following links (a script that is a link is
     * listed, and refused when read), skipping hidden, build and source folders; at most 200
     */
    static List<Path> scripts(Path root) throws IOException {
        Set<Path> found = new TreeSet<>((a, b) -> {
            int c = Integer.compare(root.relativize(a).getNameCount(), root.relativize(b).getNameCount());
            return c != 0 ? c : a.compareTo(b);
        });
        Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 6, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String n = d.getFileName() == null ? "" : d.getFileName().toString();
                boolean skip = !d.equals(root) && (n.startsWith(".") || n.equals("build") || n.equals("src") || n.equals("node_modules"));
                return skip || found.size() >= MAX_SCRIPTS ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String n = f.getFileName().toString();
                if ((n.equals("build.gradle") || n.equals("build.gradle.kts")) && found.size() < MAX_SCRIPTS) {
                    found.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return new ArrayList<>(found);
    }

    /**
     * Reads the dependencies a script declares, as text (comments dropped).
     *
     * @param root   the project root
     * @param script a build script below it
     * @return what it declares, each with its problem when it cannot be resolved as written
     */
    static List<Declared> declared(Path root, Path script) {
        String name = root.relativize(script).toString();
        String text;
        try {
            if (!SafePaths.isRegularFile(root, script) || Files.size(script) > MAX_SCRIPT_BYTES) {
                return List.of(new Declared(name, "", "", "not read: a link, outside the project or larger than " + MAX_SCRIPT_BYTES + " bytes"));
            }
            text = new String(SafePaths.read(root, script), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(new Declared(name, "", "", "not read: " + e.getMessage()));
        }
        text = COMMENTS.matcher(text).replaceAll(" ");
        List<Declared> out = new ArrayList<>();
        Matcher s = STRING_NOTATION.matcher(text);
        while (s.find()) {
            out.add(check(name, s.group(1), s.group(2)));
        }
        Matcher m = MAP_NOTATION.matcher(text);
        while (m.find()) {
            out.add(check(name, m.group(1), m.group(2) + ":" + m.group(3) + ":" + m.group(4)));
        }
        Matcher p = PORTAL_PLUGIN.matcher(text);
        while (p.find()) {
            out.add(new Declared(name, "plugins", p.group(1), "plugin " + p.group(1)
                    + " comes from the Gradle plugin portal, which is not a configured repository: not prefetched"));
        }
        return out;
    }

    private static Declared check(String script, String configuration, String coords) {
        if (coords.contains("$")) {
            return new Declared(script, configuration, coords, configuration + " " + coords + ": the version is not a literal (not prefetched)");
        }
        String[] p = coords.split("@", -1)[0].split(":", -1);
        if (p.length < 3 || p.length > 4 || p[0].isEmpty() || p[1].isEmpty() || p[2].isEmpty()) {
            return new Declared(script, configuration, coords, configuration + " " + coords + ": not group:name:version (not prefetched)");
        }
        if (p[2].contains("+") || p[2].contains("[") || p[2].contains("(") || p[2].startsWith("latest.")) {
            return new Declared(script, configuration, coords, configuration + " " + coords + ": a dynamic version (not prefetched)");
        }
        return new Declared(script, configuration, coords, null);
    }

    /** {@code g:a:v[:classifier][@ext]} → the artifact (extension jar unless given). */
    static Artifact artifact(String coords) {
        String[] at = coords.split("@", -1);
        String[] p = at[0].split(":", -1);
        String ext = at.length > 1 && !at[1].isEmpty() ? at[1] : "jar";
        return new DefaultArtifact(p[0], p[1], p.length > 3 ? p[3] : "", ext, p[2]);
    }
}
